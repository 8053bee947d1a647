package dev.berth.server.internal.gc;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What keeps online garbage collection and pushes out of each other's way
 * without a global lock. Keys are blob and manifest digests and
 * {@link TagKey}s.
 *
 * <ul>
 *   <li><b>Striped locks</b>: a push holds the stripes of every key it links or
 *       relies on (the blob it commits or mounts; a manifest's blobs, children,
 *       subject, own digest and tags) from its existence checks to its write.
 *       The collector holds a key's stripe while it re-checks and deletes it.
 *       So a delete never falls between a push's check and its write. Stripes
 *       are taken in ascending order, so two holders never deadlock.</li>
 *   <li><b>Pins</b>: while a collection runs (an <i>epoch</i>), every push
 *       records its keys after its write, still under the stripes. The
 *       collector's mark started after the epoch did, so anything written
 *       before the epoch is seen by the mark, and anything written after is
 *       pinned: the collector skips pinned keys. Outside an epoch nothing is
 *       recorded, so pins cost nothing when no collection runs.</li>
 * </ul>
 * Both are this process's alone: what keeps another instance's collector off the blobs a push here relies on is
 * the store's {@link dev.berth.server.spi.BlobTouches} (see {@link OnlineCollector}).
 */
public final class ContentGuard {
    private static final int STRIPES = 1024;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private volatile Set<Object> pinned;

    /** A tag as a key: {@code repository:tag}. */
    public record TagKey(String repository, String tag) {
    }

    /** Makes the stripes. */
    public ContentGuard() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Held stripes; closing releases them. */
    public final class Held implements AutoCloseable {
        private final int[] held;

        private Held(int[] held) {
            this.held = held;
        }

        @Override
        public void close() {
            for (int i = held.length - 1; i >= 0; i--) {
                stripes[held[i]].unlock();
            }
        }
    }

    /**
     * @param keys what the caller is about to rely on or delete
     * @return the held stripes, to close when done
     */
    public Held lock(Collection<?> keys) {
        TreeSet<Integer> order = new TreeSet<>();
        for (Object key : keys) {
            order.add(Math.floorMod(key.hashCode(), STRIPES));
        }
        int[] held = new int[order.size()];
        int n = 0;
        for (int stripe : order) {
            stripes[stripe].lock();
            held[n++] = stripe;
        }
        return new Held(held);
    }

    /**
     * @param key what the caller is about to rely on or delete
     * @return the held stripe, to close when done
     */
    public Held lock(Object key) {
        return lock(java.util.List.of(key));
    }

    /**
     * Records that keys were just written or relied on; call after the write, under their stripes.
     *
     * @param keys the keys
     */
    public void pin(Collection<?> keys) {
        Set<Object> epoch = pinned;
        if (epoch != null) {
            epoch.addAll(keys);
        }
    }

    /** Starts an epoch: pins are recorded from now on. Call before the collector's mark reads anything. */
    public void beginEpoch() {
        pinned = ConcurrentHashMap.newKeySet();
    }

    /** Ends the epoch and forgets its pins. */
    public void endEpoch() {
        pinned = null;
    }

    /**
     * @param key a key
     * @return whether a push wrote or relied on it during this epoch
     */
    public boolean isPinned(Object key) {
        Set<Object> epoch = pinned;
        return epoch != null && epoch.contains(key);
    }
}

package dev.berth.server.storage.s3.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per upload session within this process, forgotten when nobody holds or waits for it (sessions end
 * on other instances too, so nothing else would remove them). Appends in this process then queue instead of
 * racing to the bucket; between instances the state object's conditional writes decide.
 */
public final class KeyedLocks {
    private final Map<String, Entry> entries = new HashMap<>();

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    /** A held lock; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param key the session
     * @return the held lock, after waiting for it
     */
    public Held lock(String key) {
        Entry e;
        synchronized (entries) {
            e = entries.computeIfAbsent(key, k -> new Entry());
            e.users++;
        }
        e.lock.lock();
        return () -> {
            e.lock.unlock();
            synchronized (entries) {
                if (--e.users == 0) {
                    entries.remove(key);
                }
            }
        };
    }
}

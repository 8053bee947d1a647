package dev.berth.server.internal.gc;

import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import dev.berth.server.spi.BlobTouches;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link BlobTouches#local()}: the record in a map, each blob's touch and claim changed atomically. */
public final class LocalBlobTouches implements BlobTouches {
    /** A blob's record: its last touch (null if none since the record began) and its claim's expiry (null if none). */
    private record Entry(Instant touched, Instant claimedUntil) {
        boolean claimedAt(Instant t) {
            return claimedUntil != null && claimedUntil.isAfter(t);
        }
    }

    private final Map<Digest, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Set<Digest> touch(Collection<Digest> blobs, Instant at) {
        InvalidArgumentException.requireNonNull(blobs, "blobs");
        InvalidArgumentException.requireNonNull(at, "at");
        Set<Digest> claimed = new HashSet<>();
        for (Digest blob : blobs) {
            InvalidArgumentException.requireNonNull(blob, "blobs");
            entries.compute(blob, (k, e) -> {
                if (e != null && e.claimedAt(at)) {
                    claimed.add(blob);
                    return e;
                }
                Instant touched = e == null || e.touched() == null || at.isAfter(e.touched()) ? at : e.touched();
                return new Entry(touched, null);
            });
        }
        return claimed;
    }

    @Override
    public Optional<Instant> touchedAt(Digest blob) {
        Entry e = entries.get(InvalidArgumentException.requireNonNull(blob, "blob"));
        return e == null ? Optional.empty() : Optional.ofNullable(e.touched());
    }

    @Override
    public boolean claim(Digest blob, Instant notTouchedAfter, Instant now, Instant until) {
        InvalidArgumentException.requireNonNull(blob, "blob");
        InvalidArgumentException.requireNonNull(notTouchedAfter, "notTouchedAfter");
        InvalidArgumentException.requireNonNull(now, "now");
        InvalidArgumentException.requireNonNull(until, "until");
        boolean[] won = new boolean[1];
        entries.compute(blob, (k, e) -> {
            if (e != null && (e.claimedAt(now) || e.touched() != null && e.touched().isAfter(notTouchedAfter))) {
                return e;
            }
            won[0] = true;
            return new Entry(e == null ? null : e.touched(), until);
        });
        return won[0];
    }

    @Override
    public void release(Digest blob) {
        entries.remove(InvalidArgumentException.requireNonNull(blob, "blob"));
    }

    @Override
    public int forgetTouchedBefore(Instant cutoff) {
        InvalidArgumentException.requireNonNull(cutoff, "cutoff");
        int[] forgotten = new int[1];
        entries.entrySet().removeIf(en -> {
            Entry e = en.getValue();
            boolean old = !e.claimedAt(cutoff) && (e.touched() == null || e.touched().isBefore(cutoff));
            forgotten[0] += old ? 1 : 0;
            return old;
        });
        return forgotten[0];
    }
}

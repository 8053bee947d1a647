package dev.berth.storage.jdbc;

import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import dev.berth.server.spi.BlobTouches;
import dev.berth.storage.jdbc.internal.Micros;
import dev.berth.storage.jdbc.internal.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link BlobTouches} in {@code berth_blob_touches}: a touch and a claim of one blob are each one
 * {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE}, which locks the blob's row and decides on its latest version,
 * so of a touch and a claim racing on two instances, the database orders one before the other.
 */
final class JdbcBlobTouches implements BlobTouches {
    private final Transactions db;

    JdbcBlobTouches(Transactions db) {
        this.db = db;
    }

    @Override
    public Set<Digest> touch(Collection<Digest> blobs, Instant at) {
        InvalidArgumentException.requireNonNull(blobs, "blobs");
        InvalidArgumentException.requireNonNull(at, "at");
        // In digest order: two pushes touching the same blobs lock their rows in the same order, never in a cycle.
        TreeSet<String> digests = new TreeSet<>();
        for (Digest blob : blobs) {
            digests.add(InvalidArgumentException.requireNonNull(blob, "blobs").toString());
        }
        if (digests.isEmpty()) {
            return Set.of();
        }
        long micros = Micros.of(at);
        return db.write("touching blobs " + digests, c -> {
            Set<Digest> claimed = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO berth_blob_touches (digest, touched_at_micros)"
                    + " VALUES (?, ?) ON CONFLICT (digest) DO UPDATE SET claimed_until_micros = NULL,"
                    + " touched_at_micros = GREATEST(berth_blob_touches.touched_at_micros, EXCLUDED.touched_at_micros)"
                    + " WHERE berth_blob_touches.claimed_until_micros IS NULL"
                    + " OR berth_blob_touches.claimed_until_micros <= EXCLUDED.touched_at_micros")) {
                for (String digest : digests) {
                    ps.setString(1, digest);
                    ps.setLong(2, micros);
                    if (ps.executeUpdate() == 0) {
                        claimed.add(Digest.parse(digest));
                    }
                }
            }
            return claimed;
        });
    }

    @Override
    public Optional<Instant> touchedAt(Digest blob) {
        InvalidArgumentException.requireNonNull(blob, "blob");
        return db.read("reading the touch of " + blob, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT touched_at_micros FROM berth_blob_touches WHERE digest = ?")) {
                ps.setString(1, blob.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Instant>empty();
                    }
                    long micros = rs.getLong(1);
                    return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Micros.toInstant(micros));
                }
            }
        });
    }

    @Override
    public boolean claim(Digest blob, Instant notTouchedAfter, Instant now, Instant until) {
        InvalidArgumentException.requireNonNull(blob, "blob");
        InvalidArgumentException.requireNonNull(notTouchedAfter, "notTouchedAfter");
        InvalidArgumentException.requireNonNull(now, "now");
        InvalidArgumentException.requireNonNull(until, "until");
        return db.write("claiming " + blob + " for deletion", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO berth_blob_touches (digest, claimed_until_micros)"
                    + " VALUES (?, ?) ON CONFLICT (digest) DO UPDATE SET claimed_until_micros = EXCLUDED.claimed_until_micros"
                    + " WHERE (berth_blob_touches.touched_at_micros IS NULL OR berth_blob_touches.touched_at_micros <= ?)"
                    + " AND (berth_blob_touches.claimed_until_micros IS NULL OR berth_blob_touches.claimed_until_micros <= ?)")) {
                ps.setString(1, blob.toString());
                ps.setLong(2, Micros.of(until));
                ps.setLong(3, Micros.of(notTouchedAfter));
                ps.setLong(4, Micros.of(now));
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void release(Digest blob) {
        InvalidArgumentException.requireNonNull(blob, "blob");
        db.write("releasing the claim of " + blob, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM berth_blob_touches WHERE digest = ?")) {
                ps.setString(1, blob.toString());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int forgetTouchedBefore(Instant cutoff) {
        InvalidArgumentException.requireNonNull(cutoff, "cutoff");
        long micros = Micros.of(cutoff);
        return db.write("forgetting blob touches before " + cutoff, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM berth_blob_touches"
                    + " WHERE (touched_at_micros IS NULL OR touched_at_micros < ?)"
                    + " AND (claimed_until_micros IS NULL OR claimed_until_micros <= ?)")) {
                ps.setLong(1, micros);
                ps.setLong(2, micros);
                return ps.executeUpdate();
            }
        });
    }
}

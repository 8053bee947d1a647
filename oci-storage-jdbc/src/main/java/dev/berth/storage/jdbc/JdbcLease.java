package dev.berth.storage.jdbc;

import dev.berth.model.InvalidArgumentException;
import dev.berth.storage.jdbc.internal.Micros;
import dev.berth.storage.jdbc.internal.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import dev.berth.server.spi.JobLease;

/**
 * Named leases in the metadata database ({@code berth_leases}), so that of several instances one at a time runs
 * a job such as garbage collection. A lease is held by a holder (an instance's name) until it expires; the
 * holder renews it while it works and releases it when done. An instance that dies lets its lease expire, and
 * another takes it over then.
 *
 * <pre>{@code
 * JdbcLease lease = metadata.lease();
 * if (lease.tryAcquire("gc", instanceId, Duration.ofMinutes(5))) {
 *     try { ... lease.renew("gc", instanceId, Duration.ofMinutes(5)) between steps; stop if it answers false ... }
 *     finally { lease.release("gc", instanceId); }
 * }
 * }</pre>
 *
 * <p>The registry takes its lease for scheduled garbage collection through {@link #forInstance}, given to
 * {@code EmbeddedRegistry.Builder#jobLease}.
 *
 * <p>Expiry is read on the instances' clocks (the store's clock), which must agree to well within a lease's
 * time to live, as NTP keeps them.
 */
public final class JdbcLease {
    private final Transactions db;
    private final Clock clock;

    JdbcLease(Transactions db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Takes the lease if nobody holds it, it expired, or {@code holder} holds it already (then it is renewed).
     *
     * @param name   the lease, such as {@code "gc"}
     * @param holder who takes it: a name unique to the instance
     * @param ttl    how long it is held unless renewed; positive
     * @return whether {@code holder} holds it now
     * @throws InvalidArgumentException if an argument is null, a name blank or {@code ttl} not positive
     * @throws dev.berth.server.spi.StorageException if the database fails
     */
    public boolean tryAcquire(String name, String holder, Duration ttl) {
        check(name, holder);
        long expires = expiry(ttl);
        long now = Micros.of(clock.instant());
        return db.write("acquiring lease " + name + " for " + holder, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE berth_leases SET holder = ?, expires_at_micros = ?"
                    + " WHERE name = ? AND (holder = ? OR expires_at_micros <= ?)")) {
                ps.setString(1, holder);
                ps.setLong(2, expires);
                ps.setString(3, name);
                ps.setString(4, holder);
                ps.setLong(5, now);
                if (ps.executeUpdate() > 0) {
                    return true;
                }
            }
            // No row, or another's live one: of instances inserting together, one row wins.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO berth_leases (name, holder, expires_at_micros)"
                    + " VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                ps.setString(1, name);
                ps.setString(2, holder);
                ps.setLong(3, expires);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /**
     * Extends a lease its holder still holds.
     *
     * @param name   the lease
     * @param holder who holds it
     * @param ttl    how long from now it is held unless renewed again; positive
     * @return whether it was renewed; false when it expired or another holds it: the work it guards must stop
     * @throws InvalidArgumentException if an argument is null, a name blank or {@code ttl} not positive
     * @throws dev.berth.server.spi.StorageException if the database fails
     */
    public boolean renew(String name, String holder, Duration ttl) {
        check(name, holder);
        long expires = expiry(ttl);
        long now = Micros.of(clock.instant());
        return db.write("renewing lease " + name + " for " + holder, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE berth_leases SET expires_at_micros = ?"
                    + " WHERE name = ? AND holder = ? AND expires_at_micros > ?")) {
                ps.setLong(1, expires);
                ps.setString(2, name);
                ps.setString(3, holder);
                ps.setLong(4, now);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /**
     * Gives a lease up, so that another may take it at once.
     *
     * @param name   the lease
     * @param holder who holds it
     * @return whether {@code holder} held it (live or expired); another's lease is left alone
     * @throws InvalidArgumentException if an argument is null or blank
     * @throws dev.berth.server.spi.StorageException if the database fails
     */
    public boolean release(String name, String holder) {
        check(name, holder);
        return db.write("releasing lease " + name + " for " + holder, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM berth_leases WHERE name = ? AND holder = ?")) {
                ps.setString(1, name);
                ps.setString(2, holder);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /**
     * @param name the lease
     * @return who holds it now, unless nobody does or it expired
     * @throws InvalidArgumentException if {@code name} is null or blank
     * @throws dev.berth.server.spi.StorageException if the database fails
     */
    public Optional<String> holder(String name) {
        InvalidArgumentException.requireNonBlank(name, "name");
        long now = Micros.of(clock.instant());
        return db.read("reading lease " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT holder FROM berth_leases WHERE name = ? AND expires_at_micros > ?")) {
                ps.setString(1, name);
                ps.setLong(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /**
     * This lease as one instance's {@link JobLease}, for {@code EmbeddedRegistry.Builder#jobLease}: its jobs are
     * leases of their names, held by {@code instance} for {@code ttl} at a time. Renewals reach the database at most
     * every tenth of the time to live (one sooner says nothing new: the lease is held for most of it still).
     *
     * <pre>{@code
     * builder.jobLease(metadata.lease().forInstance(host + "-" + ProcessHandle.current().pid(), Duration.ofMinutes(1)))
     * }</pre>
     *
     * @param instance the instance's name, unique among the registries over the database (a host and process id,
     *                 and something random for processes that reuse them); one holder name holds a lease however
     *                 many registries use it
     * @param ttl      how long a job's lease lasts unless renewed: longer than any step of the job (for garbage
     *                 collection: deleting one blob), and the time another instance waits to take over from one that
     *                 died
     * @return the instance's job lease
     * @throws InvalidArgumentException if {@code instance} is null or blank, or {@code ttl} null or not positive
     */
    public JobLease forInstance(String instance, Duration ttl) {
        InvalidArgumentException.requireNonBlank(instance, "instance");
        expiry(ttl);
        return new InstanceLease(this, instance, ttl);
    }

    private static void check(String name, String holder) {
        InvalidArgumentException.requireNonBlank(name, "name");
        InvalidArgumentException.requireNonBlank(holder, "holder");
    }

    private long expiry(Duration ttl) {
        InvalidArgumentException.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new InvalidArgumentException("ttl", "must be positive, not " + ttl);
        }
        return Micros.of(clock.instant().plus(ttl));
    }
}

package dev.berth.storage.jdbc;

import dev.berth.model.InvalidArgumentException;
import dev.berth.server.spi.JobLease;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link JdbcLease#forInstance}: one instance's jobs as leases, renewals to the database spaced out. */
final class InstanceLease implements JobLease {
    private final JdbcLease lease;
    private final String instance;
    private final Duration ttl;
    private final long renewEveryNanos;
    // When each job's lease was last taken or renewed in the database (System.nanoTime), while held.
    private final Map<String, Long> lastRenewed = new ConcurrentHashMap<>();

    InstanceLease(JdbcLease lease, String instance, Duration ttl) {
        this.lease = lease;
        this.instance = instance;
        this.ttl = ttl;
        this.renewEveryNanos = ttl.toNanos() / 10;
    }

    @Override
    public boolean tryAcquire(String job) {
        long asked = System.nanoTime();
        if (lease.tryAcquire(job, instance, ttl)) {
            lastRenewed.put(job, asked);
            return true;
        }
        lastRenewed.remove(job);
        return false;
    }

    @Override
    public boolean renew(String job) {
        InvalidArgumentException.requireNonBlank(job, "job");
        long asked = System.nanoTime();
        Long last = lastRenewed.get(job);
        if (last == null) {
            return false;
        }
        // Measured from when the previous call was sent: the lease runs at least that long from then.
        if (asked - last < renewEveryNanos) {
            return true;
        }
        if (lease.renew(job, instance, ttl)) {
            lastRenewed.put(job, asked);
            return true;
        }
        lastRenewed.remove(job);
        return false;
    }

    @Override
    public void release(String job) {
        InvalidArgumentException.requireNonBlank(job, "job");
        lastRenewed.remove(job);
        lease.release(job, instance);
    }

    @Override
    public String toString() {
        return "lease of " + instance + " for " + ttl;
    }
}

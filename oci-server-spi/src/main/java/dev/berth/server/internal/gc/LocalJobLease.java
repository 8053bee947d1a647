package dev.berth.server.internal.gc;

import dev.berth.model.InvalidArgumentException;
import dev.berth.server.spi.JobLease;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link JobLease#local()}: the jobs held in this process; one holder per job, held until released. */
public final class LocalJobLease implements JobLease {
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    @Override
    public boolean tryAcquire(String job) {
        return held.add(InvalidArgumentException.requireNonBlank(job, "job"));
    }

    @Override
    public boolean renew(String job) {
        return held.contains(InvalidArgumentException.requireNonBlank(job, "job"));
    }

    @Override
    public void release(String job) {
        held.remove(InvalidArgumentException.requireNonBlank(job, "job"));
    }
}

package dev.berth.server.spi;

import dev.berth.server.internal.gc.LocalJobLease;

/**
 * Lets one registry instance at a time run a job, such as scheduled garbage collection, among instances that share
 * their storage. An instance takes the lease before it starts the job, renews it between steps and stops as soon as
 * a renewal fails (it lost the lease: it expired, and another instance may hold it now), and releases it when done.
 * A lease an instance took and never renewed or released (the instance died) expires after its time to live, and
 * another takes it over then. Each object stands for one instance: it knows the instance's name and the time to live.
 *
 * <p>{@link #local()} is the default: a lease that only this process sees, right when one instance writes the
 * storage. Instances sharing a database share a lease in it ({@code JdbcLease#forInstance} of oci-storage-jdbc).
 */
public interface JobLease {

    /**
     * Takes the lease for a job if nobody holds it, it expired, or this instance holds it already.
     *
     * @param job the job, such as {@code "gc"}
     * @return whether this instance holds it now
     * @throws dev.berth.model.InvalidArgumentException if {@code job} is null or blank
     * @throws StorageException if the lease cannot be read or written
     */
    boolean tryAcquire(String job);

    /**
     * Extends a lease this instance holds.
     *
     * @param job the job
     * @return whether it is still held; false when it expired or another instance holds it, and the job must stop
     * @throws dev.berth.model.InvalidArgumentException if {@code job} is null or blank
     * @throws StorageException if the lease cannot be read or written
     */
    boolean renew(String job);

    /**
     * Gives the lease up, so that another instance may take it at once; a lease this instance does not hold is
     * left alone.
     *
     * @param job the job
     * @throws dev.berth.model.InvalidArgumentException if {@code job} is null or blank
     * @throws StorageException if the lease cannot be written
     */
    void release(String job);

    /**
     * @return a lease that only this process sees, held until released (it never expires): one job of a name at
     *         a time among the users of this object
     */
    static JobLease local() {
        return new LocalJobLease();
    }
}

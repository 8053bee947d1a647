package dev.berth.server.spi;

import dev.berth.model.Digest;
import dev.berth.server.internal.gc.LocalBlobTouches;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Where pushes and garbage collection meet over blobs, shared by every registry instance over one storage: when a
 * push last relied on each blob (its <i>touch</i>), and which blobs a collector is deleting (its <i>claim</i>).
 *
 * <p>A push touches a blob before it relies on it: before it checks that the blob is stored and then commits,
 * links or references it. A collector deletes a blob only under a claim, which it gets only if nobody touched the
 * blob within the grace period; while the claim lives, touches fail. Touch and claim on one blob are atomic with
 * respect to each other, so either the touch comes first and the claim fails, or the claim comes first and the push
 * learns that it may not rely on the blob. The registry does all of this; a store implements the record:
 *
 * <ul>
 *   <li>{@link #touch} and {@link #claim} of the same blob are linearizable, across every process that shares the
 *       record;</li>
 *   <li>a blob with no record counts as never touched and not claimed, so a store may forget records
 *       ({@link #forgetTouchedBefore});</li>
 *   <li>no argument is null ({@link dev.berth.model.InvalidArgumentException} naming it).</li>
 * </ul>
 *
 * <p>Times are the instances' clocks, which must agree to well within the grace period, as NTP keeps them.
 * {@link #local()} keeps the record in this process; a {@link MetadataStore} several processes share offers one
 * of its own ({@link MetadataStore#blobTouches()}).
 */
public interface BlobTouches {

    /**
     * Records that pushes rely on blobs as of {@code at}, unless a collector's live claim holds them.
     *
     * @param blobs the blobs
     * @param at    the time of the touch (a later touch of the same blob wins, an earlier one is kept out)
     * @return the blobs that were not touched because a live claim holds them (a collector is deleting them); empty
     *         when all were
     * @throws dev.berth.model.InvalidArgumentException if an argument or a digest is null
     * @throws StorageException if the record cannot be written
     */
    Set<Digest> touch(Collection<Digest> blobs, Instant at);

    /**
     * @param blob the blob
     * @return when it was last touched, unless never or the record was forgotten
     * @throws dev.berth.model.InvalidArgumentException if {@code blob} is null
     * @throws StorageException if the record cannot be read
     */
    Optional<Instant> touchedAt(Digest blob);

    /**
     * Claims a blob for deletion, if nobody touched it after {@code notTouchedAfter} and no live claim holds it.
     * Until the claim expires or is {@linkplain #release released}, touches of the blob fail.
     *
     * @param blob            the blob
     * @param notTouchedAfter the latest touch that still allows the claim: the start of the grace period
     * @param now             the time of the claim; claims that expired by then are taken over
     * @param until           when the claim expires if it is not released: it outlives a collector that died
     * @return whether the claim is the caller's now
     * @throws dev.berth.model.InvalidArgumentException if an argument is null
     * @throws StorageException if the record cannot be written
     */
    boolean claim(Digest blob, Instant notTouchedAfter, Instant now, Instant until);

    /**
     * Ends a claim, once the blob is deleted (or the collector decided to keep it), and forgets the blob's record:
     * a blob no push touched while it was claimed has no touch worth keeping.
     *
     * @param blob the blob
     * @throws dev.berth.model.InvalidArgumentException if {@code blob} is null
     * @throws StorageException if the record cannot be written
     */
    void release(Digest blob);

    /**
     * Forgets the records of blobs touched before a time and not claimed (a claim that expired before it counts as
     * none), so the record stays as small as the grace period needs: a forgotten touch is as old as any before the
     * cutoff.
     *
     * @param cutoff touches before this are forgotten
     * @return how many records were forgotten
     * @throws dev.berth.model.InvalidArgumentException if {@code cutoff} is null
     * @throws StorageException if the record cannot be written
     */
    int forgetTouchedBefore(Instant cutoff);

    /** @return a record only this process sees, right for storage only one registry instance writes */
    static BlobTouches local() {
        return new LocalBlobTouches();
    }
}

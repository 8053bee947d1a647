package dev.berth.server.spi;

import dev.berth.model.Digest;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Content-addressed blob storage, shared by every repository (which blobs a
 * repository may serve is the {@link MetadataStore}'s business). An
 * implementation may keep blobs anywhere: memory, a disk, an object store.
 *
 * <h2>Guarantees an implementation must give</h2>
 * <ul>
 *   <li>A blob is visible ({@link #stat}, {@link #open}) only once all its
 *       bytes are stored and verified against its digest and size; a reader
 *       never sees a partial blob, even after a crash.</li>
 *   <li>{@link #commitUpload} is atomic: afterwards the blob is complete and the
 *       session gone; on failure the blob is not visible. Committing a blob
 *       that already exists succeeds and keeps one copy.</li>
 *   <li>Upload sessions survive a restart of the process (for persistent
 *       stores): {@link #uploadSize} reports what was durably appended, and a
 *       client resumes from there.</li>
 *   <li>{@link #appendUpload} at the wrong offset changes nothing and throws
 *       {@link UploadOffsetException}; concurrent appends to one session are
 *       serialised, one of them fails that way.</li>
 *   <li>A session remembers the repository it was started in, across a restart too.</li>
 *   <li>All methods are safe to call concurrently.</li>
 * </ul>
 */
public interface BlobStore extends AutoCloseable {

    /**
     * @param digest the blob's digest
     * @return the blob's size, if the blob is stored
     */
    Optional<BlobInfo> stat(Digest digest);

    /**
     * @param digest the blob
     * @param offset the first byte to read
     * @param length how many bytes, or -1 for all to the end
     * @return the bytes; the caller closes the stream
     * @throws StorageException if the blob is not stored or the range is outside it
     */
    InputStream open(Digest digest, long offset, long length);

    /**
     * Where a client can fetch the blob itself, bypassing the registry: a URL it can GET without credentials of
     * its own (a pre-signed object storage URL, say), valid for a while. A registry built with
     * {@code EmbeddedRegistry.Builder.blobRedirects(true)} answers a blob GET it has authorized with a
     * {@code 307} to it (distribution's {@code redirect}), and serves the bytes itself when this is empty.
     *
     * @param digest the blob, known to be stored (the caller checked); the store need not check again
     * @return the URL, or empty (the default) if the store has none to give
     */
    default Optional<URI> redirectFor(Digest digest) {
        return Optional.empty();
    }

    /**
     * @param digest the blob's digest
     * @return whether a blob was deleted
     */
    boolean delete(Digest digest);

    /**
     * When the blob was last stored: committed, or committed again while it was already there. Online garbage
     * collection measures its grace period from this, so a blob uploaded again is young again.
     *
     * @param digest the blob
     * @return the time, if the blob is stored and the store keeps times; a store that answers empty (the default)
     *         has the collector measure the grace from when it first found the blob unreferenced
     */
    default Optional<Instant> storedAt(Digest digest) {
        return Optional.empty();
    }

    /**
     * Calls {@code action} for every stored blob (for garbage collection); blobs added meanwhile may be missed.
     *
     * @param action called with each stored blob's digest and size
     */
    void forEach(Consumer<BlobInfo> action);

    /**
     * Starts an upload session that belongs to one repository: the registry
     * serves it only through that repository's path, as distribution does.
     *
     * @param repository the repository the upload was started in
     * @return the new session's id
     */
    String createUpload(String repository);

    /**
     * @param id the session
     * @return the repository the session was started in
     * @throws UploadUnknownException if there is no such session
     */
    String uploadRepository(String id);

    /**
     * Appends a chunk.
     *
     * @param id     the session
     * @param offset where the chunk starts; must equal the session's current size
     * @param data   the chunk, read to its end
     * @return the session's size afterwards
     * @throws UploadUnknownException if there is no such session
     * @throws UploadOffsetException  if {@code offset} is not the current size
     */
    long appendUpload(String id, long offset, InputStream data);

    /**
     * @param id the upload session's id, as {@code startUpload} gave it
     * @return how many bytes the session holds
     */
    long uploadSize(String id);

    /**
     * Makes the session's bytes a blob, if they hash to {@code expected}.
     *
     * @param id       the session
     * @param expected the digest the bytes must have
     * @return the stored blob
     * @throws dev.berth.model.DigestMismatchException if they do not (the session is discarded)
     * @throws UploadUnknownException if there is no such session
     */
    BlobInfo commitUpload(String id, Digest expected);

    /**
     * Discards a session; unknown ids are ignored.
     *
     * @param id the upload session's id, as {@code startUpload} gave it
     */
    void cancelUpload(String id);

    /**
     * Discards idle sessions with every byte appended to them, so abandoned uploads do not keep storage.
     *
     * @param idle how long a session must have gone untouched to be discarded
     * @return how many sessions untouched for longer than {@code idle} were discarded
     */
    int expireUploads(Duration idle);

    /** Releases resources. */
    @Override
    void close();
}

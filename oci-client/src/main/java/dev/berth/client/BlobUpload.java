package dev.berth.client;

import dev.berth.client.internal.UploadSession;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.DigestAlgorithm;
import dev.berth.model.MediaType;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * A blob pushed as it is written, for content of unknown length: bytes are
 * hashed as they come and sent in chunks (PATCH with Content-Range), so memory
 * holds one chunk at most. {@link #commit()} finishes the upload and returns
 * the blob's descriptor; {@link #cancel()} or closing without committing
 * abandons it on the registry. The listener hears of the blob when it is
 * committed (the writer knows its own progress; the digest is known only then).
 *
 * <pre>{@code
 * try (BlobUpload upload = client.startUpload("team/app")) {
 *     generator.writeTo(upload);
 *     Descriptor layer = upload.commit();
 * }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class BlobUpload extends OutputStream {
    private final UploadSession session;
    private final MessageDigest sha256 = DigestAlgorithm.SHA256.newMessageDigest();
    private final byte[] chunk;
    private final TransferListener listener;
    private int filled;
    private long written;
    private Descriptor committed;
    private boolean cancelled;

    BlobUpload(UploadSession session, int chunkSize, TransferListener listener) {
        this.session = session;
        this.chunk = new byte[(int) Math.max(chunkSize, Math.min(session.minChunk(), Integer.MAX_VALUE - 8))];
        this.listener = listener;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        requireOpen();
        while (len > 0) {
            int n = Math.min(len, chunk.length - filled);
            System.arraycopy(b, off, chunk, filled, n);
            sha256.update(b, off, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == chunk.length) {
                sendChunk();
            }
        }
    }

    /** @return bytes written so far */
    public long written() {
        return written + filled;
    }

    /**
     * Sends what is left and finishes the upload.
     *
     * @return the blob's descriptor (media type {@code application/octet-stream}; set the real one when referencing it)
     */
    public Descriptor commit() {
        requireOpen();
        if (filled > 0) {
            sendChunk();
        }
        Digest digest = Digest.of("sha256", java.util.HexFormat.of().formatHex(sha256.digest()));
        try {
            session.complete(digest);
        } catch (RuntimeException e) {
            // The stream cannot be sent again; a commit that may have landed is settled by asking.
            if (!UploadSession.isUncertain(e) || !session.landed(digest)) {
                throw e;
            }
        }
        committed = Descriptor.of(MediaType.OCTET_STREAM, digest, written);
        listener.done(committed, TransferListener.Outcome.TRANSFERRED);
        return committed;
    }

    /** Abandons the upload; the registry drops what it received. */
    public void cancel() {
        if (committed == null && !cancelled) {
            cancelled = true;
            session.cancel();
        }
    }

    /** Cancels the upload unless it was committed. */
    @Override
    public void close() {
        cancel();
    }

    private void sendChunk() {
        long start = written;
        byte[] data = chunk;
        int length = filled;
        session.append(offset -> new ByteArrayInputStream(data, (int) (offset - start), (int) (start + length - offset)),
                start, start + length);
        written += length;
        filled = 0;
    }

    private void requireOpen() {
        if (committed != null || cancelled) {
            throw new IllegalStateException("this upload is already " + (cancelled ? "cancelled" : "committed"));
        }
    }
}

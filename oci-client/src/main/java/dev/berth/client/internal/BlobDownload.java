package dev.berth.client.internal;

import dev.berth.auth.Scope;
import dev.berth.client.TransferListener;
import dev.berth.model.ContentVerificationException;
import dev.berth.model.Descriptor;
import dev.berth.model.SizeMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import dev.berth.model.ContentIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * One blob GET, verified while it streams: the digest is computed over the
 * bytes as they are written, the size is checked as they come, and a
 * connection that breaks mid-way is resumed with a Range request (or, from a
 * registry that ignores Range, by skipping what already arrived).
 */
public final class BlobDownload {
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_RESUMES = 5;

    private final Transport transport;
    private final URI uri;
    private final String operation;
    private final List<Scope> scopes;
    private final Descriptor blob;
    private final TransferListener listener;

    /**
     * @param uri    the blob's URI in its repository
     * @param scopes what reading it needs
     * @param blob   the digest and size it must have
     */
    public BlobDownload(Transport transport, URI uri, List<Scope> scopes, Descriptor blob, TransferListener listener) {
        this.transport = transport;
        this.uri = uri;
        this.operation = "GET blob " + uri.getPath().replaceFirst("^/v2/", "").replaceFirst("/blobs/.*$", "") + "@"
                + blob.digest().shortForm();
        this.scopes = List.copyOf(scopes);
        this.blob = blob;
        this.listener = listener;
    }

    /** Streams the whole blob into {@code out}. */
    public void to(OutputStream out) {
        download(out, 0, blob.digest().computableAlgorithm().newMessageDigest());
    }

    /**
     * Downloads into {@code <file>.partial}, resuming what an interrupted download left there, and moves it to
     * {@code file} once verified; content that fails verification is deleted.
     */
    public void to(Path file) {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        MessageDigest md = blob.digest().computableAlgorithm().newMessageDigest();
        try {
            long have = resumable(partial, md);
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                download(out, have, md);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (ContentVerificationException bad) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the verification failure is what matters
            }
            throw bad;
        } catch (IOException e) {
            throw new ContentIOException("cannot write " + partial, e);
        }
    }

    // How much of the blob a partial file already holds, fed to the digest; a file too long to be a prefix goes.
    private long resumable(Path partial, MessageDigest md) throws IOException {
        if (!Files.exists(partial)) {
            return 0;
        }
        long have = Files.size(partial);
        if (have > blob.size()) {
            Files.delete(partial);
            return 0;
        }
        try (InputStream in = Files.newInputStream(partial)) {
            byte[] buf = new byte[BUFFER];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return have;
    }

    private void download(OutputStream out, long already, MessageDigest md) {
        long received = already;
        try (HashingWriter sink = new HashingWriter(md, out, blob.size() - already, operation)) {
            int resumes = 0;
            while (received < blob.size() || received == 0) {
                Call get = Call.of(operation, "GET", uri, scopes).asBulk();
                if (received > 0) {
                    get = get.header("Range", "bytes=" + received + "-");
                }
                HttpResponse<InputStream> r = transport.send(get);
                long skip;
                if (r.statusCode() == 200) {
                    skip = received;
                } else if (r.statusCode() == 206 && received > 0) {
                    skip = received - contentRangeStart(r).orElse(received);
                } else if (r.statusCode() == 416 && received == blob.size()) {
                    Transport.close(r);
                    break;
                } else {
                    throw Transport.error(operation, r);
                }
                try (InputStream in = r.body()) {
                    in.skipNBytes(skip);
                    received = copy(in, sink, received);
                } catch (IOException broken) {
                    IOException cause = broken;
                    if (broken instanceof Broken b) {
                        received = b.received;
                        cause = (IOException) b.getCause();
                    }
                    if (++resumes > MAX_RESUMES) {
                        throw Transport.unreachable(operation + " at byte " + received, cause);
                    }
                    continue;
                }
                break;
            }
            sink.finish();
        }
        HashingWriter.verify(blob, md, received);
        listener.done(blob, TransferListener.Outcome.TRANSFERRED);
    }

    // Reads buffer by buffer until the body ends; a break is reported with how much had arrived, kept all the same.
    private long copy(InputStream in, HashingWriter sink, long received) throws Broken {
        while (true) {
            byte[] buf = sink.buffer();
            int n = 0;
            IOException broke = null;
            try {
                for (int k; n < buf.length && (k = in.read(buf, n, buf.length - n)) > 0; ) {
                    n += k;
                }
            } catch (IOException e) {
                broke = e;
            }
            if (received + n > blob.size()) {
                sink.write(buf, 0);
                throw new SizeMismatchException(blob.size(), received + n);
            }
            sink.write(buf, n);
            received += n;
            if (n > 0) {
                listener.progress(blob, received);
            }
            if (broke != null) {
                throw new Broken(broke, received);
            }
            if (n < buf.length) {
                return received;
            }
        }
    }

    /** A body that broke off, and how much of the blob had arrived by then. */
    private static final class Broken extends IOException {
        private static final long serialVersionUID = 1L;
        private final long received;

        Broken(IOException cause, long received) {
            super(cause.getMessage(), cause);
            this.received = received;
        }
    }

    private static Optional<Long> contentRangeStart(HttpResponse<InputStream> r) {
        return r.headers().firstValue("Content-Range").map(v -> {
            String s = v.replaceFirst("^bytes\\s+", "");
            int dash = s.indexOf('-');
            try {
                return dash < 0 ? null : Long.parseLong(s.substring(0, dash).trim());
            } catch (NumberFormatException e) {
                return null;
            }
        });
    }
}

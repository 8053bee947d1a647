package dev.berth.client.internal;

import dev.berth.auth.Scope;
import dev.berth.model.Digest;
import dev.berth.model.RegistryException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

/**
 * One blob upload session on a registry: the location it answered, how many
 * bytes it holds, and the requests that add to, finish or cancel it. A chunk
 * that fails or is refused with 416 is never replayed blindly: the session's
 * offset is asked first and sending resumes from there.
 */
public final class UploadSession {
    private static final int MAX_RECOVERIES = 4;

    private final Transport transport;
    private final URI base;
    private final String repository;
    private final List<Scope> scopes;
    private URI location;
    private long offset;
    private final long minChunk;

    private UploadSession(Transport transport, URI base, String repository, URI location, long minChunk) {
        this.transport = transport;
        this.base = base;
        this.repository = repository;
        this.scopes = List.of(Scope.push(repository));
        this.location = location;
        this.minChunk = minChunk;
    }

    /**
     * Opens a session from a {@code 202 Accepted} answer to a POST.
     *
     * @param base the registry's base URI, against which a relative Location resolves
     */
    public static UploadSession accepted(Transport transport, URI base, String repository, HttpResponse<InputStream> response) {
        Transport.close(response);
        String location = response.headers().firstValue("Location").orElseThrow(() -> new RegistryException(
                "POST blob upload " + repository + ": the registry answered 202 without a Location", 202, List.of()));
        long min = response.headers().firstValueAsLong("OCI-Chunk-Min-Length").orElse(0);
        return new UploadSession(transport, base, repository, base.resolve(location), min);
    }

    /** Starts a session with a plain POST. */
    public static UploadSession start(Transport transport, URI base, String repository) {
        Call post = Call.of("POST blob upload " + repository, "POST", base.resolve("/v2/" + repository + "/blobs/uploads/"),
                List.of(Scope.push(repository))).retryable(true);
        HttpResponse<InputStream> r = transport.send(post);
        if (r.statusCode() != 202) {
            throw Transport.error(post.operation(), r);
        }
        return accepted(transport, base, repository, r);
    }

    /** @return bytes the registry holds */
    public long offset() {
        return offset;
    }

    /** @return the smallest chunk the registry accepts, 0 if it does not say */
    public long minChunk() {
        return minChunk;
    }

    /**
     * Sends bytes {@code offset()} up to {@code end} (exclusive) with PATCH and Content-Range.
     *
     * @param content       opens the blob at an absolute offset
     * @param availableFrom the smallest offset {@code content} can open (for a buffer holding only the last chunk)
     * @param end           the offset to reach
     */
    public void append(RequestBody.Opener content, long availableFrom, long end) {
        int recoveries = 0;
        while (offset < end) {
            long from = offset;
            long length = end - from;
            Call patch = new Call("PATCH blob upload " + repository, "PATCH", location, scopes,
                    java.util.Map.of("Content-Type", "application/octet-stream",
                            "Content-Range", from + "-" + (end - 1)),
                    RequestBody.slice(content, from, length), false, true, true);
            HttpResponse<InputStream> r;
            try {
                r = transport.send(patch);
            } catch (dev.berth.client.RegistryUnreachableException e) {
                if (++recoveries > MAX_RECOVERIES) {
                    throw e;
                }
                resync(availableFrom, e);
                continue;
            }
            if (r.statusCode() == 202) {
                Transport.close(r);
                moveTo(r);
                offset = rangeEnd(r).orElse(end);
            } else if (r.statusCode() == 416 && ++recoveries <= MAX_RECOVERIES) {
                RegistryException refused = Transport.error(patch.operation(), r);
                resync(availableFrom, refused);
            } else {
                throw Transport.error(patch.operation(), r);
            }
        }
    }

    /**
     * Finishes the session with no further body. Sent once: after a timeout or a temporary failure the
     * caller does not know whether the blob landed, and asks.
     */
    public void complete(Digest digest) {
        put(digest, null, 0, 0);
    }

    /** Finishes the session sending {@code offset()} to {@code end} in the PUT itself (a monolithic upload); sent once. */
    public void complete(Digest digest, RequestBody.Opener content, long end) {
        put(digest, content, offset, end - offset);
    }

    private void put(Digest digest, RequestBody.Opener content, long from, long length) {
        String sep = location.getRawQuery() == null ? "?" : "&";
        URI target = URI.create(location + sep + "digest=" + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8));
        Call put = Call.of("PUT blob " + repository + "@" + digest.shortForm(), "PUT", target, scopes)
                .header("Content-Type", "application/octet-stream");
        if (content != null) {
            put = put.body(RequestBody.slice(content, from, length), true).asBulk();
        }
        // Never repeated blindly: a PUT that timed out or failed may still have committed, and the session is then
        // gone. BlobPush asks whether the blob landed instead.
        put = put.retryable(false);
        HttpResponse<InputStream> r = transport.send(put);
        if (r.statusCode() != 201) {
            throw Transport.error(put.operation(), r);
        }
        Transport.close(r);
        r.headers().firstValue("Docker-Content-Digest").flatMap(Digest::tryParse).ifPresent(d -> {
            if (!d.equals(digest)) {
                throw new dev.berth.model.DigestMismatchException(digest, d);
            }
        });
    }

    /**
     * @return whether a failed commit may have landed all the same: it timed out or was cut off, or the registry
     *         answered with a temporary failure (408, 429, 5xx), so the outcome is unknown
     */
    public static boolean isUncertain(RuntimeException commitFailure) {
        return commitFailure instanceof dev.berth.client.RegistryUnreachableException
                || commitFailure instanceof RegistryException r && Transport.isTemporary(r.status());
    }

    /**
     * Asks with a HEAD (retried as reads are) whether the repository has the blob, after an uncertain commit.
     * A registry that will not say (401, 403) counts as "not there".
     */
    public boolean landed(Digest digest) {
        Call head = Call.of("HEAD blob " + repository + "@" + digest.shortForm(), "HEAD",
                base.resolve("/v2/" + repository + "/blobs/" + digest), scopes);
        HttpResponse<InputStream> r = transport.send(head);
        Transport.close(r);
        return r.statusCode() == 200;
    }

    /** Abandons the session; the registry frees what it holds. */
    public void cancel() {
        try {
            Transport.close(transport.send(Call.of("DELETE blob upload " + repository, "DELETE", location, scopes)));
        } catch (RuntimeException ignored) {
            // an abandoned session expires on the registry anyway
        }
    }

    /** Asks the registry how much it holds (GET on the session: 204 with {@code Range: 0-N}). */
    public long status() {
        Call get = Call.of("GET blob upload status " + repository, "GET", location, scopes);
        HttpResponse<InputStream> r = transport.send(get);
        if (r.statusCode() != 204 && r.statusCode() != 200) {
            throw Transport.error(get.operation(), r);
        }
        Transport.close(r);
        moveTo(r);
        offset = rangeEnd(r).orElse(0);
        return offset;
    }

    private void resync(long availableFrom, RuntimeException cause) {
        long held = status();
        if (held < availableFrom) {
            RuntimeException e = new RegistryException("blob upload " + repository + ": the registry holds " + held
                    + " bytes but the content is only available from " + availableFrom, 416, List.of());
            e.addSuppressed(cause);
            throw e;
        }
    }

    private void moveTo(HttpResponse<InputStream> r) {
        r.headers().firstValue("Location").ifPresent(l -> location = base.resolve(l));
    }

    // Range: 0-N means N+1 bytes held; some registries send "bytes=0-N".
    private static OptionalLong rangeEnd(HttpResponse<InputStream> r) {
        return r.headers().firstValue("Range").map(v -> {
            String s = v.replaceFirst("^bytes=", "").trim();
            int dash = s.indexOf('-');
            try {
                return dash < 0 ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(s.substring(dash + 1).trim()) + 1);
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }).orElse(OptionalLong.empty());
    }
}

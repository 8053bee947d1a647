package dev.berth.client.internal;

import dev.berth.auth.Scope;
import dev.berth.client.BlobSource;
import dev.berth.client.TransferListener;
import dev.berth.client.TransferListener.Outcome;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.RegistryException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads one blob in the order that works on most registries (regclient's):
 * a mount when a source repository is named, else one POST with the digest
 * for small blobs where the registry supports it, else POST then one PUT, and
 * chunked PATCHes when asked for or when the registry refuses the single PUT.
 * The existence check comes before, in the client. The committing PUT is
 * never repeated as is: after a timeout or a temporary failure a HEAD tells
 * whether the blob landed, and if not the upload starts again in a new session.
 */
public final class BlobPush {
    /** Blobs up to this size go in one POST with the digest, where the registry supports it. */
    public static final long SINGLE_POST_LIMIT = 1024 * 1024;
    // Fresh uploads after a commit that failed and did not land; the failure is reported after that.
    private static final int MAX_RESTARTS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(BlobPush.class);

    private final Transport transport;
    private final URI base;
    private final String repository;
    private final Policy policy;

    /**
     * How a client uploads, and what it learnt of the registry: shared by all pushes of one client.
     */
    public static final class Policy {
        private final long chunkSize;
        private final int streamChunkSize;
        // null until known: whether a POST with a digest and a body completes an upload on this registry
        private volatile Boolean singlePost;

        /**
         * @param chunkSize       bytes per PATCH when chunked uploads are asked for, 0 for one PUT
         * @param streamChunkSize bytes per PATCH for content of unknown length (and after a refused PUT)
         */
        public Policy(long chunkSize, int streamChunkSize) {
            this.chunkSize = chunkSize;
            this.streamChunkSize = streamChunkSize;
        }

        /** @return the chunk size for a stream of unknown length */
        public int streamChunk() {
            return (int) (chunkSize > 0 ? chunkSize : streamChunkSize);
        }
    }

    /**
     * @param base       the registry's base URI
     * @param repository where the blob goes
     */
    public BlobPush(Transport transport, URI base, String repository, Policy policy) {
        this.transport = transport;
        this.base = base;
        this.repository = repository;
        this.policy = policy;
    }

    /**
     * @param blob      its digest and size
     * @param source    its bytes
     * @param mountFrom a repository of the same registry to mount it from, or null
     * @return how it got there
     */
    public Outcome push(Descriptor blob, BlobSource source, String mountFrom, TransferListener listener) {
        UploadSession session = null;
        if (mountFrom != null && !mountFrom.equals(repository)) {
            Optional<UploadSession> declined = mount(blob.digest(), mountFrom);
            if (declined.isEmpty()) {
                return done(blob, Outcome.MOUNTED, listener);
            }
            session = declined.get();
        }
        RequestBody.Opener opener = offset -> Streams.reportingProgress(source.open(offset), blob, offset, listener);
        if (session == null && policy.chunkSize == 0 && blob.size() <= SINGLE_POST_LIMIT && !Boolean.FALSE.equals(policy.singlePost)) {
            Optional<UploadSession> ignored = singlePost(blob, opener);
            if (ignored.isEmpty()) {
                return done(blob, Outcome.TRANSFERRED, listener);
            }
            session = ignored.get();
        }
        for (int restarts = 0; ; restarts++) {
            if (session == null) {
                session = UploadSession.start(transport, base, repository);
            }
            try {
                send(session, blob, opener);
                return done(blob, Outcome.TRANSFERRED, listener);
            } catch (UncertainCommit e) {
                if (e.session.landed(blob.digest())) {
                    LOG.debug("PUT blob {}@{} failed ({}) but the blob is there", repository, blob.digest().shortForm(),
                            e.failure.getMessage());
                    return done(blob, Outcome.TRANSFERRED, listener);
                }
                e.session.cancel();
                if (restarts == MAX_RESTARTS) {
                    throw e.failure;
                }
                LOG.debug("PUT blob {}@{} failed ({}) and the blob is not there: uploading again", repository,
                        blob.digest().shortForm(), e.failure.getMessage());
                session = null;
            }
        }
    }

    // Sends the content and commits it: in one PUT, unless chunks were asked for or the registry refuses the PUT whole.
    private void send(UploadSession session, Descriptor blob, RequestBody.Opener opener) {
        if (policy.chunkSize == 0) {
            try {
                commit(session, () -> session.complete(blob.digest(), opener, blob.size()));
                return;
            } catch (RegistryException e) {
                session.cancel();
                if (e.status() != 413 && e.status() != 405 && e.status() != 501) {
                    throw e;
                }
            }
            sendChunked(UploadSession.start(transport, base, repository), blob, opener); // refused whole: in chunks
            return;
        }
        sendChunked(session, blob, opener);
    }

    private void sendChunked(UploadSession session, Descriptor blob, RequestBody.Opener opener) {
        long chunk = Math.max(policy.chunkSize == 0 ? policy.streamChunkSize : policy.chunkSize, session.minChunk());
        try {
            while (session.offset() < blob.size()) {
                session.append(opener, 0, Math.min(blob.size(), session.offset() + chunk));
            }
        } catch (RuntimeException e) {
            session.cancel();
            throw e;
        }
        try {
            commit(session, () -> session.complete(blob.digest()));
        } catch (UncertainCommit e) {
            throw e; // the session may hold the blob: the caller asks before cancelling it
        } catch (RuntimeException e) {
            session.cancel();
            throw e;
        }
    }

    // A commit that timed out or failed for a while may have landed all the same: the caller asks before sending again.
    private static void commit(UploadSession session, Runnable put) {
        try {
            put.run();
        } catch (RuntimeException e) {
            if (UploadSession.isUncertain(e)) {
                throw new UncertainCommit(session, e);
            }
            throw e;
        }
    }

    /** A commit whose outcome is unknown: the PUT timed out, or the registry answered with a temporary failure. */
    private static final class UncertainCommit extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient UploadSession session;
        private final RuntimeException failure;

        UncertainCommit(UploadSession session, RuntimeException failure) {
            super(failure.getMessage(), failure, false, false);
            this.session = session;
            this.failure = failure;
        }
    }

    /**
     * Asks the registry to link a blob from another repository.
     *
     * @return empty when mounted; the upload session the registry opened instead when it declined (202)
     */
    public Optional<UploadSession> mount(Digest digest, String from) {
        Call post = Call.of("POST blob mount " + repository + "@" + digest.shortForm() + " from " + from, "POST",
                base.resolve("/v2/" + repository + "/blobs/uploads/?mount=" + encode(digest.toString()) + "&from=" + encode(from)),
                List.of(Scope.push(repository), Scope.pull(from))).retryable(true);
        HttpResponse<InputStream> r = transport.send(post);
        if (r.statusCode() == 201) {
            Transport.close(r);
            return Optional.empty();
        }
        if (r.statusCode() == 202) {
            return Optional.of(UploadSession.accepted(transport, base, repository, r));
        }
        throw Transport.error(post.operation(), r);
    }

    // Empty when the POST completed the upload; the session it opened when the registry ignored the body.
    private Optional<UploadSession> singlePost(Descriptor blob, RequestBody.Opener opener) {
        Call post = Call.of("POST blob " + repository + "@" + blob.digest().shortForm(), "POST",
                base.resolve("/v2/" + repository + "/blobs/uploads/?digest=" + encode(blob.digest().toString())),
                List.of(Scope.push(repository)))
                .header("Content-Type", "application/octet-stream")
                .body(RequestBody.slice(opener, 0, blob.size()), true).retryable(true).asBulk();
        HttpResponse<InputStream> r = transport.send(post);
        if (r.statusCode() == 201) {
            Transport.close(r);
            policy.singlePost = true;
            return Optional.empty();
        }
        if (r.statusCode() != 202) {
            throw Transport.error(post.operation(), r);
        }
        policy.singlePost = false;
        return Optional.of(UploadSession.accepted(transport, base, repository, r));
    }

    private static Outcome done(Descriptor blob, Outcome outcome, TransferListener listener) {
        listener.done(blob, outcome);
        return outcome;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

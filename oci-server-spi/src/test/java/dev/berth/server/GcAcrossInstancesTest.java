package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.server.spi.BlobInfo;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.MetadataStore;
import dev.berth.server.storage.memory.InMemoryBlobStore;
import dev.berth.server.storage.memory.InMemoryMetadataStore;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two registries over the same stores, as two instances over a shared bucket and database: each has its own
 * in-process locks and pins, which the other's collector does not see. A push through the second is stopped right
 * after it checked that an old, unreferenced blob is stored, a collection runs on the first, then the push goes on:
 * the blob the push relies on must still be there (the push touched it first, so the collector could not claim it).
 */
class GcAcrossInstancesTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration GRACE = Duration.ofMillis(500);

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final InMemoryMetadataStore metadata = new InMemoryMetadataStore();
    private final PausingBlobs pushersBlobs = new PausingBlobs(blobs);
    private EmbeddedRegistry collector;
    private EmbeddedRegistry pusher;
    private ImageManifest image;

    @BeforeEach
    void twoInstancesAndAnOldUnreferencedImage() throws Exception {
        GcSettings onDemand = new GcSettings(Duration.ZERO, GRACE, false);
        collector = EmbeddedRegistry.builder().storage(new Storage(blobs, metadata)).garbageCollection(onDemand).start();
        pusher = EmbeddedRegistry.builder().storage(new Storage(pushersBlobs, metadata)).garbageCollection(onDemand).start();
        byte[] config = "{\"old\":true}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("old layer " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        image = ImageManifest.builder().config(upload(collector, "old/app", MediaType.OCI_CONFIG, config))
                .layer(upload(collector, "old/app", MediaType.OCI_LAYER_TAR_GZIP, layer)).build();
        // Uploaded, never referenced by a manifest, and left alone past the grace: garbage, unless a push relies on it.
        Thread.sleep(GRACE.toMillis() + 100);
    }

    @AfterEach
    void close() {
        pusher.close();
        collector.close();
    }

    @Test
    void aManifestPushedThroughOneInstanceKeepsItsBlobsFromTheOthersCollector() throws Exception {
        // Its last check (the config, after the layers): from there on, it writes.
        CompletableFuture<HttpResponse<String>> put = pushersBlobs.pausedAfterStat(image.config().digest(), 0,
                () -> HTTP.sendAsync(manifestPut(pusher, "old/app", "1.0"), HttpResponse.BodyHandlers.ofString()),
                () -> collector.collectGarbage(false));
        assertEquals(201, put.get().statusCode(), put.get().body());
        assertComplete("old/app", "1.0");
    }

    @Test
    void aBlobMountedThroughOneInstanceStaysForTheManifestThatFollows() throws Exception {
        Digest layer = image.layers().get(0).digest();
        assertEquals(201, HTTP.send(HttpRequest.newBuilder(URI.create(pusher.baseUri() + "/v2/new/app/blobs/uploads/?mount="
                + image.config().digest() + "&from=old/app")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        // The mount looks twice: whether the blob is stored at all (relying on nothing), then, touched, before the link.
        CompletableFuture<HttpResponse<String>> mount = pushersBlobs.pausedAfterStat(layer, 1,
                () -> HTTP.sendAsync(HttpRequest.newBuilder(URI.create(pusher.baseUri() + "/v2/new/app/blobs/uploads/?mount="
                        + layer + "&from=old/app")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString()),
                () -> collector.collectGarbage(false));
        assertEquals(201, mount.get().statusCode(), "mounted: " + mount.get().body());
        collector.collectGarbage(false); // the client now has both: a collection between its mounts and its PUT takes neither
        HttpResponse<String> put = HTTP.send(manifestPut(pusher, "new/app", "1.0"), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, put.statusCode(), put.body());
        assertComplete("new/app", "1.0");
    }

    @Test
    void blobsAHeadThroughOneInstanceConfirmedStayForThePushThatSkipsThem() throws Exception {
        assertEquals(200, head(pusher, "old/app", image.config().digest()));
        assertEquals(200, head(pusher, "old/app", image.layers().get(0).digest()));
        GcReport between = collector.collectGarbage(false);
        assertEquals(List.of(), between.blobsDeleted(), "confirmed to a client on the other instance just now");
        HttpResponse<String> put = HTTP.send(manifestPut(pusher, "old/app", "1.0"), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, put.statusCode(), put.body());
        assertComplete("old/app", "1.0");
    }

    @Test
    void aTagPushedThroughOneInstanceWhileTheOthersCollectorReadsTheRepositoryStays() throws Exception {
        ImageManifest base = ImageManifest.builder().config(image.config()).build();
        assertEquals(201, HTTP.send(HttpRequest.newBuilder(URI.create(collector.baseUri() + "/v2/old/app/manifests/base"))
                .header("Content-Type", base.mediaType()).PUT(HttpRequest.BodyPublishers.ofByteArray(base.bytes())).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        // The collector reads the tags, then the manifests: the push lands in between, its tag unseen by this run.
        java.util.concurrent.atomic.AtomicBoolean pushed = new java.util.concurrent.atomic.AtomicBoolean();
        MetadataStore readingSlowly = (MetadataStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MetadataStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("manifests") && "old/app".equals(args[0]) && pushed.compareAndSet(false, true)) {
                        HttpResponse<String> put = HTTP.send(manifestPut(pusher, "old/app", "1.0"),
                                HttpResponse.BodyHandlers.ofString());
                        assertEquals(201, put.statusCode(), put.body());
                    }
                    try {
                        return method.invoke(metadata, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (EmbeddedRegistry deletingUntagged = EmbeddedRegistry.builder().storage(new Storage(blobs, readingSlowly))
                .garbageCollection(new GcSettings(Duration.ZERO, GRACE, true)).start()) {
            GcReport report = deletingUntagged.collectGarbage(false);
            assertTrue(pushed.get(), "the push ran during the collection");
            assertEquals(List.of(), report.manifestsDeleted(), "pushed just now, tagged by the other instance");
        }
        assertComplete("old/app", "1.0");
    }

    @Test
    void untouchedPastTheGraceTheOldBlobsAreCollected() {
        GcReport report = collector.collectGarbage(false);
        assertEquals(2, report.blobsDeleted().size(), "nothing relied on them: " + report);
    }

    private void assertComplete(String repo, String tag) {
        assertEquals(Optional.of(image.digest()), metadata.resolveTag(repo, tag));
        collector.collectGarbage(false);
        for (Descriptor d : List.of(image.config(), image.layers().get(0))) {
            assertTrue(blobs.stat(d.digest()).isPresent(), d.digest() + " of the tagged manifest is gone");
        }
    }

    private HttpRequest manifestPut(EmbeddedRegistry via, String repo, String tag) {
        return HttpRequest.newBuilder(URI.create(via.baseUri() + "/v2/" + repo + "/manifests/" + tag))
                .header("Content-Type", image.mediaType()).PUT(HttpRequest.BodyPublishers.ofByteArray(image.bytes())).build();
    }

    private static Descriptor upload(EmbeddedRegistry via, String repo, String mediaType, byte[] content) throws Exception {
        Descriptor d = Descriptor.forContent(mediaType, content);
        assertEquals(201, HTTP.send(HttpRequest.newBuilder(URI.create(via.baseUri() + "/v2/" + repo + "/blobs/uploads/?digest="
                + d.digest())).POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        return d;
    }

    private static int head(EmbeddedRegistry via, String repo, Digest digest) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(via.baseUri() + "/v2/" + repo + "/blobs/" + digest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The pushing instance's view of the shared blob store, which can stop a request right after it checked a blob. */
    private static final class PausingBlobs implements BlobStore {
        private final BlobStore store;
        private volatile Digest armed;
        private volatile int skipping;
        private volatile CountDownLatch checked;
        private volatile CountDownLatch resume;

        PausingBlobs(BlobStore store) {
            this.store = store;
        }

        /**
         * Starts a request, waits until it has checked {@code digest} (after {@code skip} checks of it), runs
         * {@code meanwhile}, then lets it go on.
         */
        <T> CompletableFuture<T> pausedAfterStat(Digest digest, int skip,
                                                 java.util.function.Supplier<CompletableFuture<T>> request,
                                                 Runnable meanwhile) throws InterruptedException {
            skipping = skip;
            checked = new CountDownLatch(1);
            resume = new CountDownLatch(1);
            armed = digest;
            CompletableFuture<T> running = request.get();
            try {
                assertTrue(checked.await(20, TimeUnit.SECONDS), "the request checked " + digest);
                meanwhile.run();
            } finally {
                armed = null;
                resume.countDown();
            }
            return running;
        }

        @Override
        public Optional<BlobInfo> stat(Digest digest) {
            Optional<BlobInfo> info = store.stat(digest);
            if (digest.equals(armed) && skipping-- == 0) {
                armed = null;
                checked.countDown();
                try {
                    resume.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return info;
        }

        @Override
        public void forEach(Consumer<BlobInfo> action) {
            store.forEach(action);
        }

        @Override
        public InputStream open(Digest digest, long offset, long length) {
            return store.open(digest, offset, length);
        }

        @Override
        public boolean delete(Digest digest) {
            return store.delete(digest);
        }

        @Override
        public Optional<Instant> storedAt(Digest digest) {
            return store.storedAt(digest);
        }

        @Override
        public String createUpload(String repository) {
            return store.createUpload(repository);
        }

        @Override
        public String uploadRepository(String id) {
            return store.uploadRepository(id);
        }

        @Override
        public long appendUpload(String id, long offset, InputStream data) {
            return store.appendUpload(id, offset, data);
        }

        @Override
        public long uploadSize(String id) {
            return store.uploadSize(id);
        }

        @Override
        public BlobInfo commitUpload(String id, Digest expected) {
            return store.commitUpload(id, expected);
        }

        @Override
        public void cancelUpload(String id) {
            store.cancelUpload(id);
        }

        @Override
        public int expireUploads(Duration idle) {
            return store.expireUploads(idle);
        }

        @Override
        public void close() {
            // the collector's registry closes the shared store
        }
    }
}

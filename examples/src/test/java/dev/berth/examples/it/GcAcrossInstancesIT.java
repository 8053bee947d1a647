package dev.berth.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.GcSettings;
import dev.berth.server.Storage;
import dev.berth.server.spi.BlobInfo;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.storage.s3.S3BlobStore;
import dev.berth.server.storage.s3.S3BlobStoreOptions;
import dev.berth.server.storage.s3.S3Credentials;
import dev.berth.storage.jdbc.JdbcMetadataStore;
import dev.berth.testsupport.PostgresServer;
import dev.berth.testsupport.S3ProxyServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two registry instances over one S3 bucket (S3Proxy) and one PostgreSQL database, as behind a load balancer:
 * scheduled garbage collection runs on one of them at a time (the lease in the database), and a collection on one
 * never takes a blob from under a push through the other, whether the push uploads its blobs, mounts old ones or
 * skips those a HEAD says exist. Once quiet past the grace, what nothing references is gone.
 */
class GcAcrossInstancesIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final int SHARED = 12;
    private static S3ProxyServer s3;
    private static PostgresServer postgres;
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final List<AutoCloseable> started = new ArrayList<>();

    @BeforeAll
    static void peers() throws Exception {
        s3 = S3ProxyServer.inMemory();
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPeers() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void stopInstances() throws Exception {
        for (AutoCloseable c : started) {
            c.close();
        }
    }

    /** One instance: its registry, its meters, and its blob store as the collector sees it. */
    private record Instance(EmbeddedRegistry registry, SimpleMeterRegistry meters) {
        String base() {
            return registry.baseUri().toString();
        }

        double count(String meter) {
            return meters.counter(meter).count();
        }
    }

    /** Where two instances keep their blobs and metadata. */
    private record Shared(S3BlobStoreOptions bucket, String database) {
    }

    private static Shared shared() throws Exception {
        String bucket = "gc-" + BUCKETS.incrementAndGet();
        s3.createBucket(bucket);
        S3BlobStoreOptions options = S3BlobStoreOptions.builder(bucket).endpoint(s3.endpoint()).region("us-east-1")
                .pathStyle(true).credentials(S3Credentials.of(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)).build();
        return new Shared(options, postgres.createDatabase());
    }

    private Instance start(Shared shared, String name, GcSettings gc, Consumer<Runnable> aroundListing) {
        JdbcMetadataStore metadata = JdbcMetadataStore.open(shared.database());
        BlobStore blobs = new ListingWatched(new S3BlobStore(shared.bucket()), aroundListing);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        EmbeddedRegistry registry = EmbeddedRegistry.builder().storage(new Storage(blobs, metadata)).meterRegistry(meters)
                .garbageCollection(gc).jobLease(metadata.lease().forInstance(name, Duration.ofSeconds(30))).start();
        started.add(registry);
        return new Instance(registry, meters);
    }

    @Test
    void scheduledCollectionRunsOnOneInstanceAtATime() throws Exception {
        Shared shared = shared();
        AtomicInteger listing = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        // The sweep lists the bucket once per run: held a while, so that two runs at once would overlap there.
        Consumer<Runnable> watch = list -> {
            mostAtOnce.accumulateAndGet(listing.incrementAndGet(), Math::max);
            try {
                Thread.sleep(30);
                list.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                listing.decrementAndGet();
            }
        };
        GcSettings often = new GcSettings(Duration.ofMillis(20), GRACE, true);
        Instance a = start(shared, "instance-a", often, watch);
        Instance b = start(shared, "instance-b", often, watch);

        assertTrue(waitFor(() -> a.count("registry.gc.runs") + b.count("registry.gc.runs") >= 20), "the schedules came round");
        assertEquals(1, mostAtOnce.get(), "never two collections at once");
        assertTrue(a.count("registry.gc.skipped") + b.count("registry.gc.skipped") > 0,
                "an instance found the other holding the lease and left the run to it");
    }

    @Test
    void pushesThroughOneInstanceKeepTheirBlobsWhileTheOtherCollects() throws Exception {
        Shared shared = shared();
        GcSettings onDemand = new GcSettings(Duration.ZERO, GRACE, true);
        Instance collector = start(shared, "collector", onDemand, Runnable::run);
        Instance pusher = start(shared, "pusher", onDemand, Runnable::run);
        String base = pusher.base();
        // Images pushed and deleted: their blobs unreferenced, still linked in old/r*, soon older than the grace.
        for (int i = 0; i < 24; i++) {
            String repo = "old/r" + (i % 3);
            Digest pushed = push(base, repo, "t", shared(i), ("old unique " + i).getBytes(StandardCharsets.UTF_8), null);
            assertEquals(202, send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/manifests/" + pushed))
                    .DELETE()).statusCode());
        }
        Thread.sleep(GRACE.toMillis() + 200); // not a measurement: the old blobs age past the grace

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong collectedMeanwhile = new AtomicLong();
        AtomicInteger pushes = new AtomicInteger();
        Map<String, ImageManifest> tagged = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            Future<?> gc = pool.submit(() -> {
                while (!stop.get()) {
                    collectedMeanwhile.addAndGet(collector.registry().collectGarbage(false).blobsDeleted().size());
                }
                return null;
            });
            List<Future<?>> pushers = new ArrayList<>();
            long until = System.nanoTime() + 2 * GRACE.toNanos(); // long enough for the pushes' own blobs to age
            for (int t = 0; t < 4; t++) {
                int thread = t;
                pushers.add(pool.submit(() -> {
                    for (int i = 0; i < 20 || System.nanoTime() < until; i++) {
                        String repo = "new/r" + thread;
                        String tag = "v" + (i % 3); // tags move: older images become untagged, collectable
                        int layer = thread * 7 + i;
                        ImageManifest image = image(base, repo, tag, shared(layer),
                                ("new unique " + thread + "/" + i).getBytes(StandardCharsets.UTF_8), "old/r" + (layer % SHARED % 3));
                        tagged.put(repo + ":" + tag, image);
                        pushes.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : pushers) {
                f.get();
            }
            stop.set(true);
            gc.get();
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertTrue(collectedMeanwhile.get() > 0, "the collector took old unreferenced blobs while the pushes ran");

        for (Map.Entry<String, ImageManifest> e : tagged.entrySet()) {
            String[] repoTag = e.getKey().split(":");
            for (Instance via : List.of(collector, pusher)) {
                HttpResponse<byte[]> m = send(HttpRequest.newBuilder(URI.create(via.base() + "/v2/" + repoTag[0] + "/manifests/"
                        + repoTag[1])).header("Accept", MediaType.OCI_MANIFEST).GET());
                assertEquals(200, m.statusCode(), e.getKey());
                ImageManifest image = (ImageManifest) Manifest.parse(m.body(), MediaType.OCI_MANIFEST);
                assertEquals(e.getValue().digest(), image.digest(), e.getKey() + " is the last push");
                for (Descriptor b : blobsOf(image)) {
                    HttpResponse<byte[]> blob = send(HttpRequest.newBuilder(URI.create(via.base() + "/v2/" + repoTag[0]
                            + "/blobs/" + b.digest())).GET());
                    assertEquals(200, blob.statusCode(), e.getKey() + " needs " + b.digest());
                    assertEquals(b.size(), blob.body().length);
                }
            }
        }

        // Quiet past the grace: one more collection leaves only what the tags reference.
        Thread.sleep(GRACE.toMillis() + 200);
        collector.registry().collectGarbage(false);
        Set<Digest> referenced = new HashSet<>();
        tagged.values().forEach(image -> blobsOf(image).forEach(d -> referenced.add(d.digest())));
        Set<Digest> stored = new HashSet<>();
        collector.registry().storage().blobs().forEach(b -> stored.add(b.digest()));
        assertEquals(referenced, stored, "the tags' blobs stay, the rest is reclaimed");
    }

    private static List<Descriptor> blobsOf(ImageManifest image) {
        List<Descriptor> blobs = new ArrayList<>(image.layers());
        blobs.add(image.config());
        return blobs;
    }

    private static byte[] shared(int i) {
        return ("shared layer " + (i % SHARED)).getBytes(StandardCharsets.UTF_8);
    }

    // A push that a refusal for a blob gone meanwhile sends again from the start, as clients do; anything else fails.
    private static ImageManifest image(String base, String repo, String tag, byte[] sharedLayer, byte[] uniqueLayer,
                                       String mountFrom) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return pushImage(base, repo, tag, sharedLayer, uniqueLayer, mountFrom);
            } catch (BlobGone e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static Digest push(String base, String repo, String tag, byte[] sharedLayer, byte[] uniqueLayer,
                               String mountFrom) throws Exception {
        return pushImage(base, repo, tag, sharedLayer, uniqueLayer, mountFrom).digest();
    }

    /** A manifest PUT refused because a blob the client counted on was collected meanwhile. */
    private static final class BlobGone extends Exception {
        BlobGone(String message) {
            super(message);
        }
    }

    private static ImageManifest pushImage(String base, String repo, String tag, byte[] sharedLayer, byte[] uniqueLayer,
                                           String mountFrom) throws Exception {
        byte[] config = ("{\"repo\":\"" + repo + "\",\"tag\":\"" + tag + "\"}").getBytes(StandardCharsets.UTF_8);
        ImageManifest m = ImageManifest.builder().config(ensure(base, repo, MediaType.OCI_CONFIG, config, null))
                .layer(ensure(base, repo, MediaType.OCI_LAYER_TAR_GZIP, sharedLayer, mountFrom))
                .layer(ensure(base, repo, MediaType.OCI_LAYER_TAR_GZIP, uniqueLayer, null)).build();
        HttpResponse<byte[]> put = send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/manifests/" + tag))
                .header("Content-Type", m.mediaType()).PUT(HttpRequest.BodyPublishers.ofByteArray(m.bytes())));
        String body = new String(put.body(), StandardCharsets.UTF_8);
        if (put.statusCode() == 400 && body.contains("MANIFEST_BLOB_UNKNOWN")) {
            throw new BlobGone(body);
        }
        assertEquals(201, put.statusCode(), () -> "manifest push to " + repo + ":" + tag + ": " + body);
        return m;
    }

    // As clients push: HEAD the blob; if missing, mount it from where it was, else upload it.
    private static Descriptor ensure(String base, String repo, String mediaType, byte[] content, String mountFrom)
            throws Exception {
        Descriptor d = Descriptor.forContent(mediaType, content);
        int head = send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/blobs/" + d.digest()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode();
        if (head == 200) {
            return d;
        }
        String start = base + "/v2/" + repo + "/blobs/uploads/" + (mountFrom == null ? "" : "?mount=" + d.digest()
                + "&from=" + mountFrom);
        HttpResponse<byte[]> started = send(HttpRequest.newBuilder(URI.create(start)).POST(HttpRequest.BodyPublishers.noBody()));
        if (started.statusCode() == 201) {
            return d; // mounted
        }
        assertEquals(202, started.statusCode(), () -> "upload start: " + new String(started.body(), StandardCharsets.UTF_8));
        String location = started.headers().firstValue("Location").orElseThrow();
        URI session = URI.create(base).resolve(location);
        URI finish = URI.create(session + (session.getQuery() == null ? "?" : "&") + "digest=" + d.digest());
        HttpResponse<byte[]> put = send(HttpRequest.newBuilder(finish).PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
        assertEquals(201, put.statusCode(), () -> "blob upload: " + new String(put.body(), StandardCharsets.UTF_8));
        return d;
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    // Waits for the schedules, not for a time: returns as soon as the condition holds.
    private static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** A blob store whose listing (once per collection's sweep) runs inside {@code around}. */
    private static final class ListingWatched implements BlobStore {
        private final BlobStore store;
        private final Consumer<Runnable> around;

        ListingWatched(BlobStore store, Consumer<Runnable> around) {
            this.store = store;
            this.around = around;
        }

        @Override
        public void forEach(Consumer<BlobInfo> action) {
            around.accept(() -> store.forEach(action));
        }

        @Override
        public java.util.Optional<BlobInfo> stat(Digest digest) {
            return store.stat(digest);
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
        public java.util.Optional<java.time.Instant> storedAt(Digest digest) {
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
            store.close();
        }
    }
}

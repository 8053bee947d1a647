package dev.berth.bench;

import dev.berth.client.BlobSource;
import dev.berth.client.RegistryClient;
import dev.berth.client.TransferListener;
import dev.berth.model.Descriptor;
import dev.berth.model.manifest.Manifest;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The workloads done with Berth's {@link RegistryClient}, in this JVM. */
final class BerthClientRuns {
    private final RegistryClient client;

    BerthClientRuns(RegistryClient client) {
        this.client = client;
    }

    /** Streams the file from disk: the JVM runs with a heap smaller than the blob. */
    void push(String repository, Descriptor blob, Path file) {
        client.pushBlob(repository, blob, BlobSource.of(file), TransferListener.NONE);
    }

    /** Streams to disk, verifying the digest as the bytes arrive. */
    void pull(String repository, Descriptor blob, Path file) {
        client.getBlob(repository, blob, file, TransferListener.NONE);
    }

    /** Reads the manifest, then GETs and uploads each blob (no mount), {@code threads} at a time, then PUTs the manifest. */
    void copy(CopySource source, String destination, int threads) throws Exception {
        Manifest manifest = client.getManifest(source.repository(), source.tag());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> copies = new ArrayList<>();
            for (Descriptor blob : source.blobs()) {
                copies.add(pool.submit(() -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) blob.size());
                    client.getBlob(source.repository(), blob, bytes, TransferListener.NONE);
                    client.pushBlob(destination, blob, BlobSource.of(bytes.toByteArray()), TransferListener.NONE);
                    return null;
                }));
            }
            for (Future<?> f : copies) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        client.pushManifest(destination, source.tag(), manifest);
    }

    /**
     * Loads and warms the client's code paths once, as a long-running application would have: until the JIT's
     * second tier has compiled the socket reads (some thousand calls), a 512 MiB pull runs at half its speed,
     * with twice its CPU. A 64 MiB blob pulled eight times gets it there.
     */
    void warmUp(Path dir) throws Exception {
        client.ping();
        Path file = dir.resolve("warm-up");
        BenchLayer.write(file, 64L * 1024 * 1024, new java.util.SplittableRandom()); // streamed: the heap is 64 MiB
        Descriptor blob = client.pushBlob("bench/warm-up", file);
        for (int i = 0; i < 8; i++) {
            client.getBlob("bench/warm-up", blob, dir.resolve("warm-up.pulled"), TransferListener.NONE);
            Files.delete(dir.resolve("warm-up.pulled"));
        }
        Files.delete(file);
    }
}

package dev.berth.bench;

import dev.berth.client.RegistryClient;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills a registry as a large installation looks to a browser: {@code repositories} one-tag repositories and one
 * repository of {@code tags} semver tags. One layer and one config are pushed once; every repository mounts them
 * across repositories and gets the same manifest, so only manifests and mounts travel. The tagged repository's images
 * share the layer but each has its own config with its own {@code created} time, shuffled against the version order,
 * so that a sort by date differs from a sort by version and a wrong one shows.
 */
final class UiFill {
    /** Where the shared blobs are pushed first. */
    static final String SEED = "seed/base";
    /** The repository with many tags. */
    static final String TAGGED = "bench/many-tags";
    /** The tag of every one-tag repository. */
    static final String SMALL_TAG = "1.0.0";
    private static final Platform PLATFORM = Platform.parse("linux/amd64");
    private static final Instant FIRST_CREATED = Instant.parse("2024-01-01T00:00:00Z");

    /**
     * One tag of {@link #TAGGED}.
     *
     * @param name     its semver name
     * @param created  its config's {@code created}
     * @param manifest its manifest's digest
     * @param config   its config's digest
     */
    record Tag(String name, Instant created, Digest manifest, Digest config) {
    }

    /**
     * What was pushed.
     *
     * @param repositories every repository, {@link #SEED} and {@link #TAGGED} included, sorted as a catalog is
     * @param tags         the tags of {@link #TAGGED}, in push (version) order
     * @param took         how long filling took
     */
    record Filled(List<String> repositories, List<Tag> tags, Duration took) {
        /** @return the tags newest first, as the UI's {@code sort=date&order=desc} must list them */
        List<Tag> newestFirst() {
            List<Tag> sorted = new ArrayList<>(tags);
            sorted.sort(Comparator.comparing(Tag::created).reversed());
            return sorted;
        }

        /** @return a one-tag repository from the middle of the catalog */
        String smallRepository() {
            return repositories.get(repositories.size() / 2);
        }
    }

    private UiFill() {
    }

    /** @return the name of the {@code i}th one-tag repository, two levels deep as teams name theirs */
    static String repository(int i) {
        return String.format("team-%02d/service-%05d", i % 50, i);
    }

    /** @return the {@code i}th of {@code count} semver names: 1.0.0, 1.0.1, ... patch and minor up to 19 */
    static String version(int i) {
        return (1 + i / 400) + "." + (i / 20 % 20) + "." + (i % 20);
    }

    static Filled fill(RegistryClient client, int repositories, int tags, int threads) throws Exception {
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(12);
        Descriptor layer = client.pushBlob(SEED, MediaType.OCI_LAYER_TAR_GZIP, BenchLayer.bytes(32 * 1024, random));
        Digest diffId = Digest.sha256(("bench layer " + random.nextLong()).getBytes(StandardCharsets.UTF_8));
        ImageConfig sharedConfig = ImageConfig.builder(PLATFORM).created(FIRST_CREATED).diffId(diffId).build();
        Descriptor config = client.pushBlob(SEED, MediaType.OCI_CONFIG, sharedConfig.bytes());
        ImageManifest shared = ImageManifest.builder().config(config).layer(layer).build();
        client.pushManifest(SEED, SMALL_TAG, shared);

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> pushes = new ArrayList<>();
            for (int i = 0; i < repositories; i++) {
                String repository = repository(i);
                pushes.add(pool.submit(() -> {
                    mount(client, repository, layer.digest());
                    mount(client, repository, config.digest());
                    return client.pushManifest(repository, SMALL_TAG, shared);
                }));
            }
            mount(client, TAGGED, layer.digest());
            List<Integer> hours = new ArrayList<>();
            for (int i = 0; i < tags; i++) {
                hours.add(i);
            }
            Collections.shuffle(hours, new Random(7));
            List<Future<Tag>> tagged = new ArrayList<>();
            for (int i = 0; i < tags; i++) {
                String name = version(i);
                Instant created = FIRST_CREATED.plus(Duration.ofHours(hours.get(i)));
                tagged.add(pool.submit(() -> {
                    ImageConfig own = ImageConfig.builder(PLATFORM).created(created).diffId(diffId).build();
                    Descriptor ownConfig = client.pushBlob(TAGGED, MediaType.OCI_CONFIG, own.bytes());
                    ImageManifest manifest = ImageManifest.builder().config(ownConfig).layer(layer).build();
                    client.pushManifest(TAGGED, name, manifest);
                    return new Tag(name, created, manifest.digest(), ownConfig.digest());
                }));
            }
            for (Future<?> f : pushes) {
                f.get();
            }
            List<Tag> pushed = new ArrayList<>();
            for (Future<Tag> f : tagged) {
                pushed.add(f.get());
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < repositories; i++) {
                names.add(repository(i));
            }
            names.add(SEED);
            names.add(TAGGED);
            Collections.sort(names);
            return new Filled(List.copyOf(names), List.copyOf(pushed), Duration.ofNanos(System.nanoTime() - start));
        } finally {
            pool.shutdownNow();
        }
    }

    // distribution mounts within one registry; a declined mount would leave a manifest PUT failing on a missing blob.
    private static void mount(RegistryClient client, String repository, Digest digest) throws IOException {
        if (!client.mountBlob(repository, digest, SEED)) {
            throw new IOException("the registry declined to mount " + digest + " from " + SEED + " into " + repository);
        }
    }
}

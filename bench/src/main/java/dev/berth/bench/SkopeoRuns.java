package dev.berth.bench;

import dev.berth.model.Descriptor;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.config.Annotations;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The workloads done with {@code skopeo copy}. skopeo moves images, not blobs:
 * the big layer is pushed as a one-layer image from an OCI layout (its config
 * and manifest are a few hundred bytes more) and pulled into a fresh layout.
 *
 * <p>skopeo's blob-info cache (as root, {@code /var/lib/containers/cache}) turns
 * a blob it has seen before into a mount or a skip. Every blob here is random
 * and new to this run, each is sent by skopeo once, and the output is checked:
 * a reused blob fails the run instead of flattering skopeo.
 */
final class SkopeoRuns {
    private final String hostPort;
    private final Path tmp;

    /** @param tmp skopeo's {@code --tmpdir}, so that its temporary files stay in the benchmark's directory */
    SkopeoRuns(String hostPort, Path tmp) throws IOException {
        this.hostPort = hostPort;
        this.tmp = Files.createDirectories(tmp);
    }

    /** Writes an OCI layout holding the layer (hard-linked, not copied) under {@code tag}. */
    static Path layout(Path dir, Path layerFile, BenchLayer layer, String tag) throws IOException {
        ImageConfig config = ImageConfig.builder(Platform.parse("linux/amd64")).diffId(layer.diffId()).build();
        Descriptor configBlob = Descriptor.of(MediaType.OCI_CONFIG, config.digest(), config.bytes().length);
        ImageManifest manifest = ImageManifest.builder().config(configBlob).layer(layer.descriptor()).build();
        Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.createLink(blobs.resolve(layer.descriptor().digest().encoded()), layerFile);
        Files.write(blobs.resolve(config.digest().encoded()), config.bytes());
        Files.write(blobs.resolve(manifest.digest().encoded()), manifest.bytes());
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
                + MediaType.OCI_MANIFEST + "\",\"digest\":\"" + manifest.digest() + "\",\"size\":" + manifest.size()
                + ",\"annotations\":{\"" + Annotations.REF_NAME + "\":\"" + tag + "\"}}]}");
        return dir;
    }

    void push(Path layout, String tag, String repository) throws Exception {
        copy("oci:" + layout + ":" + tag, "docker://" + hostPort + "/" + repository + ":" + tag);
    }

    void pull(String repository, String tag, Path layout) throws Exception {
        copy("docker://" + hostPort + "/" + repository + ":" + tag, "oci:" + layout + ":" + tag);
    }

    void copy(CopySource source, String destination) throws Exception {
        copy("docker://" + hostPort + "/" + source.repository() + ":" + source.tag(),
                "docker://" + hostPort + "/" + destination + ":" + source.tag());
    }

    // A fresh run knows no blob from an earlier one, as on a CI runner: nothing is mounted or skipped from memory.
    private static void forgetBlobs() throws IOException {
        Path cache = Path.of("/var/lib/containers/cache");
        if (Files.isDirectory(cache)) {
            try (var files = Files.list(cache)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("blob-info-cache")).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private void copy(String from, String to) throws Exception {
        forgetBlobs();
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy", "--tmpdir", tmp.toString(), "copy",
                "--src-tls-verify=false", "--dest-tls-verify=false", from, to));
        String out = Processes.run(command);
        if (out.contains("skipped") || out.contains("already exists")) {
            throw new IllegalStateException("skopeo reused a blob instead of sending it, so its time would not compare:\n" + out);
        }
    }
}

package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testsupport.Containerd;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.Skopeo;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's containerd pulls an image from {@code berth serve --tls auto} through {@code ctr --hosts-dir} with the
 * files {@code berth kind-config} wrote, and fails without them: what a Kind node's containerd does with the same
 * directory mounted at {@code /etc/containerd/certs.d}.
 *
 * <p>containerd runs as a process of its own with a private root, state and socket. Run as root (as CI runs), ctr
 * pulls and unpacks the image; as another user containerd cannot mount, so {@code ctr content fetch}, the same
 * resolver and the same hosts directory without the unpacking, is what is run.
 */
class KindConfigContainerdTest {
    @TempDir
    Path dir;

    /** {@code berth serve --json --tls auto} on a thread of this JVM, stopped by interrupting it. */
    private static final class Serving implements AutoCloseable {
        final Thread thread;
        final JsonNode listening;

        private Serving(Thread thread, JsonNode listening) {
            this.thread = thread;
            this.listening = listening;
        }

        static Serving start(Path storage) throws IOException {
            PipedInputStream stdout = new PipedInputStream();
            PrintStream out = new PrintStream(new PipedOutputStream(stdout), true, StandardCharsets.UTF_8);
            Thread thread = new Thread(() -> {
                new Cli(out, new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                        .run(new String[] {"serve", "--json", "--addr", "127.0.0.1:0", "--tls", "auto", "--storage", storage.toString()});
                out.close();
            }, "berth-serve-under-test");
            thread.start();
            String first = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8)).readLine();
            if (first == null || !first.startsWith("{")) {
                thread.interrupt();
                throw new IOException("berth serve did not start: " + first);
            }
            return new Serving(thread, new ObjectMapper().readTree(first));
        }

        String hostPort() {
            return java.net.URI.create(listening.get("listening").asText()).getRawAuthority();
        }

        Path ca() {
            return Path.of(listening.get("ca").asText());
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }
    }

    private static boolean runningAsRoot(Path dir) throws IOException {
        return (Integer) Files.getAttribute(dir, "unix:uid") == 0;
    }

    // As root the image is pulled and unpacked; otherwise its content is fetched (see the class comment).
    private Containerd.Result pull(Containerd containerd, Path hostsDir, String reference) throws Exception {
        return runningAsRoot(dir)
                ? containerd.ctr("images", "pull", "--hosts-dir", hostsDir.toString(), reference)
                : containerd.ctr("content", "fetch", "--hosts-dir", hostsDir.toString(), reference);
    }

    @Test
    void containerdPullsFromServeTlsAutoWithKindConfigsFilesAndFailsWithoutThem() throws Exception {
        try (Serving serving = Serving.start(dir.resolve("registry"));
             Containerd containerd = Containerd.start(Files.createDirectories(dir.resolve("containerd")))) {
            String registry = serving.hostPort();
            assertEquals(dir.resolve("registry/tls/ca.pem").toAbsolutePath(), serving.ca(), "serve --json names the CA it made");
            OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "v1", "kind-config " + System.nanoTime());
            Path skopeoCerts = Files.createDirectories(dir.resolve("skopeo-certs"));
            Files.copy(serving.ca(), skopeoCerts.resolve("ca.crt"));
            String reference = registry + "/kind/hello:v1";
            Skopeo.run("copy", "--dest-cert-dir", skopeoCerts.toString(), image.skopeoName(), "docker://" + reference);

            // No hosts.toml at all: containerd speaks plain HTTP to a loopback registry, which the TLS port refuses.
            Containerd.Result bare = pull(containerd, Files.createDirectories(dir.resolve("empty")), reference);
            assertNotEquals(0, bare.exitCode(), bare.output());

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Path certsD = dir.resolve("certs.d");
            int status = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                    .run(new String[] {"kind-config", registry, "--ca", serving.ca().toString(), "--dir", certsD.toString()});
            assertEquals(Cli.OK, status, err.toString(StandardCharsets.UTF_8));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("  namespace: kube-public\n"), out.toString(StandardCharsets.UTF_8));

            // The same hosts.toml without its CA: TLS now, and the certificate is not trusted.
            String toml = Files.readString(certsD.resolve(registry).resolve("hosts.toml"));
            assertTrue(toml.contains("  ca = \"ca.crt\"\n"), toml);
            Path withoutCa = Files.createDirectories(dir.resolve("without-ca").resolve(registry));
            Files.writeString(withoutCa.resolve("hosts.toml"), toml.replace("  ca = \"ca.crt\"\n", ""));
            Containerd.Result untrusted = pull(containerd, withoutCa.getParent(), reference);
            assertNotEquals(0, untrusted.exitCode(), untrusted.output());
            assertTrue(untrusted.output().contains("x509: certificate signed by unknown authority"), untrusted.output());
            assertFalse(containerd.ctr("images", "ls").output().contains(reference));

            Containerd.Result pulled = pull(containerd, certsD, reference);
            assertEquals(0, pulled.exitCode(), pulled.output());
            String manifest = image.manifest().digest().toString();
            if (runningAsRoot(dir)) {
                assertTrue(pulled.output().contains("unpacking linux/amd64 " + manifest), pulled.output());
                String images = containerd.ctr("images", "ls").output();
                assertTrue(images.contains(reference) && images.contains(manifest), images);
            }
            String content = containerd.ctr("content", "ls").output();
            assertTrue(content.contains(manifest) && content.contains(image.layer().digest().toString()), content);
        }
    }
}

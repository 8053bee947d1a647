package dev.berth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.DistributionRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 1 GiB blob is pushed to and pulled from distribution 2.8 by a JVM limited to a 64 MiB heap. */
class LargeBlobInASmallHeapTest {
    @TempDir
    Path dir;

    @Test
    void aGibibyteBlobMovesThroughA64MiBHeap() throws Exception {
        try (DistributionRegistry registry = DistributionRegistry.builder(dir).start()) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    LargeBlobRoundTrip.class.getName(), registry.hostPort(), "1024").redirectErrorStream(true).start();
            try {
                assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the round trip finished");
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, p.exitValue(), out);
                assertTrue(out.contains("pulled 1073741824 bytes"), out);
            } finally {
                p.destroyForcibly();
            }
        }
    }
}

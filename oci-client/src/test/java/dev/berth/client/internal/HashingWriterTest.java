package dev.berth.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.ContentIOException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The writer's threads see every byte once, in order, and a failure of either reaches the reader without a hang. */
class HashingWriterTest {

    @Property(tries = 25)
    void theDestinationAndTheDigestGetTheBytesInOrder(
            @ForAll @LongRange(min = 0, max = 2 * HashingWriter.PIPELINE_FROM + (1 << 20)) long size,
            @ForAll @IntRange(min = 1, max = 1 << 20) int longestRead, @ForAll long seed) throws Exception {
        byte[] content = new byte[(int) size];
        SplittableRandom random = new SplittableRandom(seed);
        random.nextBytes(content);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (HashingWriter writer = new HashingWriter(md, out, size, "test")) {
            // Reads of uneven lengths, short of a whole buffer, as a socket gives them.
            for (int at = 0; at < content.length; ) {
                byte[] buffer = writer.buffer();
                int n = Math.min(content.length - at, 1 + random.nextInt(Math.min(longestRead, buffer.length)));
                System.arraycopy(content, at, buffer, 0, n);
                writer.write(buffer, n);
                at += n;
            }
            writer.finish();
        }
        assertArrayEquals(content, out.toByteArray());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(content), md.digest());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aDestinationThatFailsFailsTheWriteAndStopsTheThreads() throws Exception {
        OutputStream full = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 3L * 1024 * 1024) {
                    throw new IOException("No space left on device");
                }
            }
        };
        HashingWriter writer = new HashingWriter(MessageDigest.getInstance("SHA-256"), full, 64L << 20, "full disk");
        // The reader keeps going until the failure reaches it: at the next buffer, write or finish.
        ContentIOException failure = assertThrows(ContentIOException.class, () -> {
            try (writer) {
                for (int i = 0; i < 64; i++) {
                    byte[] buffer = writer.buffer();
                    writer.write(buffer, buffer.length);
                }
                writer.finish();
            }
        });
        assertEquals("No space left on device", failure.getCause().getMessage());
        assertTrue(waitUntilGone("berth-hash full disk") && waitUntilGone("berth-write full disk"),
                "the writer's threads are still running");
    }

    private static boolean waitUntilGone(String threadName) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals(threadName) && t.isAlive())) {
                return true;
            }
            Thread.sleep(25);
        }
        return false;
    }
}

package dev.berth.server.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file region reads, skips and sends exactly its bytes, and a file shorter than the region fails typed. */
class FileRegionTest {
    @TempDir
    Path dir;

    private Path file(int size) throws Exception {
        byte[] bytes = new byte[size];
        new SplittableRandom(3).nextBytes(bytes);
        return Files.write(dir.resolve("blob"), bytes);
    }

    @Test
    void readsSkipsAndSendsOnlyItsRegion() throws Exception {
        Path f = file(700_000);
        byte[] all = Files.readAllBytes(f);
        try (FileRegion region = new FileRegion(FileChannel.open(f), 1000, 500_000)) {
            assertEquals(all[1000] & 0xff, region.read());
            assertEquals(99, region.skip(99));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            region.sendTo(out); // not a FileSink: copied
            assertArrayEquals(Arrays.copyOfRange(all, 1100, 501_000), out.toByteArray());
            assertEquals(-1, region.read());
        }
    }

    @Test
    void aFileShorterThanTheRegionFailsWhetherCopiedOrSentToASocket() throws Exception {
        Path f = file(300_000);
        try (FileRegion region = new FileRegion(FileChannel.open(f), 0, 400_000)) {
            assertThrows(EOFException.class, () -> region.sendTo(OutputStream.nullOutputStream()));
        }
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.socket().getLocalPort());
             Socket accepted = server.accept().socket();
             FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = client.getInputStream()) {
                    return in.readAllBytes();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ConnectionOutput out = new ConnectionOutput(accepted.getOutputStream(), accepted.getChannel(),
                    new ConnectionOutput.Pool(8192, 1));
            out.write("head".getBytes(StandardCharsets.US_ASCII));
            assertThrows(EOFException.class, () -> out.transferFrom(ch, 0, 400_000));
            accepted.close();
            byte[] got = received.get();
            // What was buffered before, then the file as far as it goes: sent with sendfile, in order.
            assertEquals(4 + 300_000, got.length);
            assertArrayEquals(Files.readAllBytes(f), Arrays.copyOfRange(got, 4, got.length));
        }
    }
}

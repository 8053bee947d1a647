package dev.berth.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download whose connection breaks mid-body resumes with a Range request.
 * WireMock cannot cut a body short after a chosen byte, so a few lines of raw
 * HTTP/1.1 on a loopback socket play the registry.
 */
class InterruptedDownloadTest {
    @TempDir
    Path dir;

    @Test
    void aBrokenDownloadResumesFromWhereItStopped() throws Exception {
        byte[] blob = new byte[300_000];
        new Random(7).nextBytes(blob);
        Digest digest = Digest.sha256(blob);
        List<String> ranges = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> serve(server, blob, ranges));
            serving.setDaemon(true);
            serving.start();
            RegistryClient client = RegistryClient.builder("http://127.0.0.1:" + server.getLocalPort())
                    .credentials(r -> java.util.Optional.empty()).build();
            Path target = dir.resolve("blob");
            client.getBlob("app", Descriptor.of(MediaType.OCTET_STREAM, digest, blob.length), target, TransferListener.NONE);
            assertArrayEquals(blob, Files.readAllBytes(target));
            assertEquals(2, ranges.size(), ranges.toString());
            assertEquals("", ranges.get(0));
            // The client resumes after the last byte it received, which the JDK may report a little short of all sent.
            long resumedAt = Long.parseLong(ranges.get(1).replace("bytes=", "").replace("-", ""));
            assertTrue(resumedAt > 0 && resumedAt <= 100_000, "the second request asked only for what was missing: " + ranges);
        }
    }

    // First request: all headers, a third of the body, then the connection drops. Later ones honour Range.
    private static void serve(ServerSocket server, byte[] blob, List<String> ranges) {
        for (int request = 0; request < 2; request++) {
            try (Socket s = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                String range = "";
                for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                    if (line.toLowerCase().startsWith("range:")) {
                        range = line.substring(6).trim();
                    }
                }
                ranges.add(range);
                OutputStream out = s.getOutputStream();
                if (range.isEmpty()) {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + blob.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(blob, 0, 100_000);
                } else {
                    int from = Integer.parseInt(range.replace("bytes=", "").replace("-", ""));
                    out.write(("HTTP/1.1 206 Partial Content\r\nContent-Length: " + (blob.length - from) + "\r\nContent-Range: bytes "
                            + from + "-" + (blob.length - 1) + "/" + blob.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(blob, from, blob.length - from);
                }
                out.flush();
            } catch (IOException e) {
                return;
            }
        }
    }
}

package dev.berth.server.internal.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The answers the server itself gives (bad framing, over the cap, the wrong protocol), each closing the connection. */
final class PlainResponses {
    private PlainResponses() {
    }

    /** Writes {@code status} with {@code text} as a plain-text body and {@code Connection: close}, and flushes. */
    static void write(OutputStream out, int status, String text) throws IOException {
        out.write(bytes(status, text));
        out.flush();
    }

    static byte[] bytes(int status, String text) {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + Exchange.reason(status) + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }
}

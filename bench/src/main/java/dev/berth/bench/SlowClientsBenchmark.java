package dev.berth.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Berth's registry (its own process, plain and then TLS) under connections that
 * hold it without doing their share: {@code --idle} connections that send
 * nothing (with {@code --idle-handshake}, on TLS: finish the handshake, then
 * nothing) and {@code --slow} ones that send a request head one header line a
 * second (on TLS after a handshake); each is re-opened as soon
 * as the server closes it, so the pressure stays on. Meanwhile {@code /v2/} is
 * asked four times a second on a fresh connection, and the server's threads and
 * resident memory are read from {@code /proc}. Prints the latencies, failures
 * (no 200 within a second) and the peaks.
 *
 * <p>Usage: {@code bench/slow-clients [--idle 2000] [--slow 500] [--seconds 30] [--server-heap 512m] [--idle-handshake]}
 */
public final class SlowClientsBenchmark {
    private static final SSLContext TRUST_ALL = trustAll();
    private static volatile boolean attacking;
    private static String serverHeap;
    private static boolean idleHandshake;

    private SlowClientsBenchmark() {
    }

    /** @param args {@code [--idle N] [--slow N] [--seconds S]} */
    public static void main(String[] args) throws Exception {
        List<String> a = List.of(args);
        int idle = option(a, "--idle", 2000);
        int slow = option(a, "--slow", 500);
        int seconds = option(a, "--seconds", 30);
        int at = a.indexOf("--server-heap");
        serverHeap = at >= 0 && at + 1 < a.size() ? a.get(at + 1) : "512m";
        idleHandshake = a.contains("--idle-handshake");
        System.out.printf("Berth's registry (-Xmx%s) under %d idle%s + %d slow-header connections, %d s, %d cores%n%n", serverHeap,
                idle, idleHandshake ? " (on TLS after a handshake)" : "", slow, seconds, Runtime.getRuntime().availableProcessors());
        for (boolean tls : new boolean[] {false, true}) {
            run(tls, idle, slow, seconds);
        }
    }

    private static void run(boolean tls, int idle, int slow, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("berth-slow-clients");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + serverHeap,
                "-Xlog:disable", "-cp", System.getProperty("java.class.path"), BerthServerMain.class.getName(),
                dir.resolve("store").toString()));
        if (tls) {
            command.addAll(List.of("--tls", dir.resolve("ca.pem").toString()));
        }
        Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String base = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
            int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
            for (int i = 0; i < 20; i++) {
                ping(tls, port); // warm up
            }
            long[] before = status(server.pid());
            AtomicInteger open = new AtomicInteger();
            List<Thread> clients = new ArrayList<>();
            attacking = true;
            for (int i = 0; i < idle + slow; i++) {
                boolean isSlow = i >= idle;
                Thread t = new Thread(null, () -> attack(tls, port, isSlow, open), "client-" + i, 256 * 1024);
                t.setDaemon(true);
                t.start();
                clients.add(t);
            }
            long rampEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (open.get() < (idle + slow) * 9 / 10 && System.nanoTime() < rampEnd) {
                Thread.sleep(100);
            }
            int opened = open.get();
            List<Long> latencies = new ArrayList<>();
            int failures = 0;
            long maxThreads = 0;
            long maxRss = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                boolean ok = ping(tls, port);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                latencies.add(ms);
                if (!ok || ms > 1000) {
                    failures++;
                }
                long[] s = status(server.pid());
                maxThreads = Math.max(maxThreads, s[0]);
                maxRss = Math.max(maxRss, s[1]);
                Thread.sleep(Math.max(0, 250 - ms));
            }
            attacking = false;
            Collections.sort(latencies);
            System.out.printf("%s: %d of %d attacking connections open after the ramp (each re-opened when cut)%n",
                    tls ? "TLS" : "plain HTTP", opened, idle + slow);
            System.out.printf("  /v2/ on a fresh connection: %d asked, p50 %d ms, p99 %d ms, max %d ms, %d failed or over 1 s%n",
                    latencies.size(), latencies.get(latencies.size() / 2), latencies.get(latencies.size() * 99 / 100),
                    latencies.get(latencies.size() - 1), failures);
            System.out.printf("  server threads %d before, at most %d under attack; RSS %d MiB before, at most %d MiB%n%n",
                    before[0], maxThreads, before[1] / 1024, maxRss / 1024);
        } finally {
            attacking = false;
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    // One attacking connection after another: idle ones wait for the server to close them, slow ones dribble a head.
    private static void attack(boolean tls, int port, boolean slow, AtomicInteger open) {
        while (attacking) {
            try (Socket s = connect(tls && (slow || idleHandshake), port, 0)) {
                open.incrementAndGet();
                try {
                    if (slow) {
                        OutputStream out = s.getOutputStream();
                        out.write("GET /v2/ HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                        for (int i = 0; attacking; i++) {
                            out.write(("X-Slow-" + i + ": a\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            Thread.sleep(1000);
                        }
                    } else {
                        InputStream in = s.getInputStream();
                        while (attacking && in.read() >= 0) {
                            // an idle client reads nothing until the server closes it
                        }
                    }
                } finally {
                    open.decrementAndGet();
                }
            } catch (IOException | InterruptedException e) {
                // cut by the server: open the next one
            }
        }
    }

    private static boolean ping(boolean tls, int port) {
        try (Socket s = connect(tls, port, 5000)) {
            s.getOutputStream().write("GET /v2/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.startsWith("HTTP/1.1 200 ");
        } catch (IOException e) {
            return false;
        }
    }

    private static Socket connect(boolean tls, int port, int timeoutMillis) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
        s.setSoTimeout(timeoutMillis);
        if (!tls) {
            return s;
        }
        SSLSocket ssl = (SSLSocket) TRUST_ALL.getSocketFactory().createSocket(s, "127.0.0.1", port, true);
        ssl.startHandshake();
        return ssl;
    }

    // {threads, VmRSS in KiB} of a process, from /proc.
    private static long[] status(long pid) throws IOException {
        long threads = 0;
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Threads:")) {
                threads = Long.parseLong(line.substring(8).trim());
            } else if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        return new long[] {threads, rss};
    }

    private static int option(List<String> args, String name, int otherwise) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? Integer.parseInt(args.get(at + 1)) : otherwise;
    }

    // The bench's client trusts the server it started itself; nothing else is spoken to.
    private static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

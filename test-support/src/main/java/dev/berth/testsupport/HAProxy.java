package dev.berth.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy on 127.0.0.1 and a free port, balancing round robin over registries as a load balancer
 * in front of stateless instances does: each backend checked with {@code GET /v2/} every 200 ms and taken out
 * after one failed check (a check may take 2 s to answer: on a busy machine a slower answer is no failure, while a
 * killed instance refuses the check's connection at once); a request whose backend refused or dropped the
 * connection before answering is sent to another (HAProxy's layer-7 retries, for requests it could buffer).
 */
public final class HAProxy implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/haproxy");

    private final Process process;
    private final int port;

    private HAProxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param dir      where its configuration and log go
     * @param backends the registries, as {@code host:port}
     * @return the running balancer
     * @throws IOException          if it does not start
     * @throws InterruptedException if interrupted while waiting for it
     */
    public static HAProxy roundRobin(Path dir, List<String> backends) throws IOException, InterruptedException {
        int port = DistributionRegistry.freePort();
        StringBuilder config = new StringBuilder("""
                global
                    maxconn 2048
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    timeout check 2s
                    retries 3
                    option redispatch
                    retry-on conn-failure empty-response
                frontend registry
                    bind 127.0.0.1:%d
                    default_backend instances
                backend instances
                    balance roundrobin
                    option httpchk GET /v2/
                    default-server inter 200ms fall 1 rise 2
                """.formatted(port));
        for (int i = 0; i < backends.size(); i++) {
            config.append("    server instance").append(i).append(' ').append(backends.get(i)).append(" check\n");
        }
        Path file = Files.writeString(Files.createDirectories(dir).resolve("haproxy.cfg"), config, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(BINARY.toString(), "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        HAProxy haproxy = new HAProxy(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("haproxy exited: " + Files.readString(dir.resolve("haproxy.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                Thread.sleep(500); // the first health checks mark the backends up
                return haproxy;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        haproxy.close();
        throw new IOException("haproxy did not listen on 127.0.0.1:" + port);
    }

    /** @return {@code 127.0.0.1:PORT}, for image references */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}

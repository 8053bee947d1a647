package dev.berth.client.registries;

import com.sun.net.httpserver.HttpServer;
import dev.berth.server.auth.Htpasswd;
import dev.berth.testsupport.DistributionRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The peers the registry-set tests talk to, started on loopback. */
final class Peers {
    static final String USER = "alice";
    static final String PASSWORD = "correct horse battery staple";

    private Peers() {
    }

    /** @return an htpasswd file with {@link #USER} and {@link #PASSWORD} */
    static Path htpasswd(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("htpasswd"), Htpasswd.line(USER, PASSWORD) + "\n");
    }

    static DistributionRegistry distribution(Path dir) throws IOException, InterruptedException {
        return DistributionRegistry.builder(dir).start();
    }

    static DistributionRegistry distributionWithHtpasswd(Path dir) throws IOException, InterruptedException {
        return DistributionRegistry.builder(dir).htpasswd(htpasswd(dir.resolve("auth"))).start();
    }

    /**
     * @return a web server that is no registry: every path answers {@code status} with these headers and a small body
     */
    static HttpServer webServer(int status, Map<String, String> headers) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);
            headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    static String hostPort(HttpServer server) {
        return "127.0.0.1:" + server.getAddress().getPort();
    }
}

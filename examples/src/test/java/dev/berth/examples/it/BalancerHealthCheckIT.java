package dev.berth.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.berth.testsupport.HAProxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The balancer of the instance tests and bench/instances keeps a backend that answers its health check slowly, as
 * an instance does on a busy machine: with the check's timeout at its interval (200 ms), such a backend was taken
 * out and every request through the balancer answered 503.
 */
class BalancerHealthCheckIT {
    @TempDir
    Path dir;

    @Test
    void aBackendThatAnswersItsCheckSlowlyStaysIn() throws Exception {
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        slow.setExecutor(Executors.newCachedThreadPool());
        slow.createContext("/", exchange -> {
            try {
                Thread.sleep(600); // three check intervals
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        slow.start();
        try (HAProxy balancer = HAProxy.roundRobin(dir, List.of("127.0.0.1:" + slow.getAddress().getPort()))) {
            Thread.sleep(2000); // several checks, each answered after 600 ms
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + balancer.hostPort() + "/v2/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), "the slow backend is still in: " + r.body());
        } finally {
            slow.stop(0);
        }
    }
}

package dev.berth.server.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.Registry;
import dev.berth.server.Storage;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's servlet snippet, as an application's own start-up code runs it: in a context listener. */
class ReadmeServletSnippetTest {
    @TempDir
    Path dir;

    @Test
    void theReadmesServletMountAnswersTheApi() throws Exception {
        AtomicReference<Registry> mounted = new AtomicReference<>();
        ServletContextHandler handler = new ServletContextHandler("/");
        handler.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                ServletContext context = event.getServletContext();
                // snippet: server-servlet
                Registry registry = EmbeddedRegistry.builder().storage(Storage.filesystem(dir)).build();
                context.addServlet("registry", new RegistryServlet(registry)).addMapping("/v2/*");   // registry.close() on shutdown
                // end snippet
                mounted.set(registry);
            }
        });
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
        try {
            HttpResponse<String> ping = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/v2/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ping.statusCode());
            assertEquals("registry/2.0", ping.headers().firstValue("Docker-Distribution-API-Version").orElseThrow());
        } finally {
            server.stop();
            mounted.get().close();
        }
    }
}

package dev.berth.server.servlet;

import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.Registry;
import dev.berth.server.http.testkit.DistributionApiContract;
import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A registry mounted with {@link RegistryServlet} in embedded Jetty on 127.0.0.1 and a free port. */
final class JettyRegistry implements DistributionApiContract.Served {
    private final Registry registry;
    private final Server server;
    private final ServerConnector connector;

    private JettyRegistry(Registry registry, Server server, ServerConnector connector) {
        this.registry = registry;
        this.server = server;
        this.connector = connector;
    }

    static JettyRegistry start(EmbeddedRegistry.Builder builder) throws Exception {
        Registry registry = builder.build();
        Server server = new Server();
        // Jetty refuses ambiguous paths (%2e%2e, //) itself by default; let them through so that the registry's own
        // checks answer them (NAME_INVALID), as behind Berth's own server.
        HttpConfiguration http = new HttpConfiguration();
        http.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        context.addServlet(new ServletHolder("registry", new RegistryServlet(registry)), "/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            registry.close();
            throw e;
        }
        return new JettyRegistry(registry, server, connector);
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            registry.close();
        }
    }
}

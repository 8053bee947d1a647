/**
 * A Jakarta Servlet adapter for Berth's registry:
 * {@link dev.berth.server.servlet.RegistryServlet} hands the requests of an
 * application's own servlet container to a {@link dev.berth.server.Registry}.
 * The servlet API (6.0) is the container's to provide.
 */
module dev.berth.server.servlet {
    requires transitive dev.berth.server;
    requires transitive jakarta.servlet;

    exports dev.berth.server.servlet;
}

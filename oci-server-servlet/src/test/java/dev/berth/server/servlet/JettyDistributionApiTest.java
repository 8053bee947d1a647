package dev.berth.server.servlet;

import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.http.testkit.DistributionApiContract;

/** The distribution API's contract, through {@link RegistryServlet} in embedded Jetty 12. */
class JettyDistributionApiTest extends DistributionApiContract {
    @Override
    protected Served serve(EmbeddedRegistry.Builder builder) throws Exception {
        return JettyRegistry.start(builder);
    }
}

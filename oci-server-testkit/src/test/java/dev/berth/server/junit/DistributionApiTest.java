package dev.berth.server.junit;

import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.http.testkit.DistributionApiContract;
import java.net.URI;

/** The distribution API's contract, behind Berth's own HTTP/1.1 server. */
class DistributionApiTest extends DistributionApiContract {
    @Override
    protected Served serve(EmbeddedRegistry.Builder builder) {
        EmbeddedRegistry registry = builder.start();
        return new Served() {
            @Override
            public URI baseUri() {
                return registry.baseUri();
            }

            @Override
            public void close() {
                registry.close();
            }
        };
    }
}

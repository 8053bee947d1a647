package dev.berth.client;

import dev.berth.server.EmbeddedRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The client contract against Berth's own embedded registry. */
class ClientAgainstEmbeddedRegistryTest extends RegistryClientContract {
    private static EmbeddedRegistry registry;

    @BeforeAll
    static void start() {
        registry = EmbeddedRegistry.builder().start();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Override
    String registry() {
        return registry.baseUri().getAuthority();
    }

    @Override
    boolean deletesByTag() {
        return true;
    }

    @Override
    boolean hasReferrersApi() {
        return true;
    }
}

package dev.berth.client;

import dev.berth.testsupport.DistributionRegistry;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The client contract against Debian's distribution 2.8, delete enabled. */
class ClientAgainstDistributionTest extends RegistryClientContract {
    private static DistributionRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        registry = DistributionRegistry.builder(Files.createTempDirectory("berth-client-distribution")).start();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Override
    String registry() {
        return registry.hostPort();
    }

    @Override
    boolean deletesByTag() {
        return false;
    }

    @Override
    boolean hasReferrersApi() {
        return false;
    }
}

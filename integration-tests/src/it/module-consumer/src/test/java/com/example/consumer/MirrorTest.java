package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.junit.EmbeddedRegistryExtension;
import dev.berth.server.spi.MetadataStore;
import dev.berth.server.spi.testkit.MetadataStoreContract;
import dev.berth.server.storage.memory.InMemoryMetadataStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests of a module that requires dev.berth.server, on surefire's default module path. */
class MirrorTest {
    @RegisterExtension
    static EmbeddedRegistryExtension registry = EmbeddedRegistryExtension.perTest().configure(b -> b.readOnly(false));

    @Test
    void roundTripsThroughTheExtensionsRegistry(EmbeddedRegistry embedded) {
        byte[] content = "module path".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(content, Mirror.roundTrip(embedded, content));
    }

    @Test
    void runsAsNamedModules() {
        assertEquals("com.example.consumer", Mirror.class.getModule().getName());
        assertEquals("dev.berth.server", EmbeddedRegistry.class.getModule().getName());
        assertEquals("dev.berth.client", dev.berth.client.RegistryClient.class.getModule().getName());
    }

    /** The test kit's contract, run against a store the user would have written. */
    @Nested
    class MyMetadataStore extends MetadataStoreContract {
        @Override
        protected MetadataStore newStore() {
            return new InMemoryMetadataStore();
        }
    }
}

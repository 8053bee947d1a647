package dev.berth.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.client.copy.ImageLocation;
import dev.berth.client.inspect.ImageInspector;
import dev.berth.model.Platform;
import dev.berth.model.Reference;
import dev.berth.testsupport.DistributionRegistry;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client speaks to one registry: a {@link Reference} naming another is
 * refused before anything is sent, instead of being looked up (and found, or
 * not) in the wrong registry with this one's credentials.
 */
class ForeignReferenceTest {
    @TempDir
    Path dir;

    @Test
    void referencesToAnotherRegistryAreRefusedByTheClientTheCopierAndTheInspector() throws Exception {
        try (DistributionRegistry registry = DistributionRegistry.builder(dir).start();
             RegistryClient client = RegistryClient.builder(registry.hostPort()).credentials(r -> Optional.empty()).build()) {
            TestImages image = TestImages.random(3, 100);
            image.push(client, "team/app", "1.0");
            Reference elsewhere = Reference.parse("ghcr.io/team/app:1.0"); // distribution has team/app:1.0 too

            ForeignReferenceException e = assertThrows(ForeignReferenceException.class, () -> client.getManifest(elsewhere));
            assertTrue(e.getMessage().contains("ghcr.io") && e.getMessage().contains(registry.hostPort()), e.getMessage());
            assertEquals("ghcr.io", e.referenceRegistry());
            assertEquals(registry.hostPort(), e.clientRegistry());
            assertThrows(ForeignReferenceException.class, () -> client.getImageManifest(elsewhere, Platform.parse("linux/amd64")));
            assertThrows(ForeignReferenceException.class, () -> new ImageInspector(client).inspect(elsewhere));
            assertThrows(ForeignReferenceException.class, () -> ImageLocation.registry(client, elsewhere));
            assertThrows(IllegalArgumentException.class, () -> client.getManifest(
                    Reference.parse("localhost:" + (DistributionRegistry.freePort()) + "/team/app:1.0")), "another port");

            assertArrayEquals(image.manifest().bytes(), client.getManifest(Reference.parse(registry.hostPort() + "/team/app:1.0")).bytes());
            String port = registry.hostPort().substring(registry.hostPort().indexOf(':') + 1);
            assertArrayEquals(image.manifest().bytes(), client.getManifest(Reference.parse("localhost:" + port + "/team/app:1.0")).bytes(),
                    "localhost and 127.0.0.1 on one port are one registry");
        }
    }

    @Test
    void dockerHubAliasesAndTheDefaultHttpsPortNameOneRegistry() {
        try (RegistryClient hub = RegistryClient.builder("docker.io").build();
             RegistryClient ghcr = RegistryClient.builder("ghcr.io").build();
             RegistryClient local = RegistryClient.builder("http://localhost:5000").build()) {
            assertTrue(hub.serves(Reference.parse("alpine:3.20")));
            assertTrue(hub.serves(Reference.parse("index.docker.io/library/alpine")));
            assertTrue(hub.serves(Reference.parse("registry-1.docker.io/library/alpine")));
            assertFalse(hub.serves(Reference.parse("ghcr.io/library/alpine")));
            assertTrue(ghcr.serves(Reference.parse("GHCR.io:443/team/app")));
            assertFalse(ghcr.serves(Reference.parse("ghcr.io:8443/team/app")));
            assertFalse(ghcr.serves(Reference.parse("alpine")));
            assertTrue(local.serves(Reference.parse("127.0.0.1:5000/team/app")));
            assertTrue(local.serves(Reference.parse("[::1]:5000/team/app")));
            assertFalse(local.serves(Reference.parse("localhost:5001/team/app")));
            assertFalse(local.serves(Reference.parse("localhost/team/app")));
        }
    }
}

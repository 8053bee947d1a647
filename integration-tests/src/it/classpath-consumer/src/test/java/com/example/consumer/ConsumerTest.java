package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.auth.AuthenticationException;
import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProviders;
import dev.berth.client.RegistryClient;
import dev.berth.model.Descriptor;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.junit.EmbeddedRegistryExtension;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.testkit.BlobStoreContract;
import dev.berth.server.storage.memory.InMemoryBlobStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a user on the class path does: the extension with auth configured, a client call, a store contract. */
class ConsumerTest {
    @RegisterExtension
    static EmbeddedRegistryExtension registry = EmbeddedRegistryExtension.perClass()
            .configure(b -> b.authenticator((user, password) -> user.equals("ci") && password.equals("s3cret")));

    @Test
    void pushesAndPullsABlobWithCredentials(EmbeddedRegistry embedded) throws Exception {
        byte[] content = "consumer".getBytes(StandardCharsets.UTF_8);
        try (RegistryClient client = RegistryClient.builder(embedded.hostPort())
                .credentials(CredentialProviders.of(embedded.hostPort(), Credential.basic("ci", "s3cret"))).build()) {
            Descriptor pushed = client.pushBlob("team/app", "application/octet-stream", content);
            try (InputStream in = client.openBlob("team/app", pushed)) {
                assertArrayEquals(content, in.readAllBytes());
            }
        }
    }

    @Test
    void refusesAClientWithoutCredentials(EmbeddedRegistry embedded) {
        try (RegistryClient client = RegistryClient.builder(embedded.hostPort())
                .credentials(CredentialProviders.of(embedded.hostPort(), Credential.basic("ci", "wrong"))).build()) {
            assertThrows(AuthenticationException.class, () -> client.tags("team/app").toList());
        }
    }

    @Test
    void runsOnTheClassPath() {
        assertFalse(RegistryClient.class.getModule().isNamed(), "Berth on the class path");
    }

    /** The test kit's contract, run against a store the user would have written. */
    @Nested
    class MyBlobStore extends BlobStoreContract {
        @Override
        protected BlobStore newStore() {
            return new InMemoryBlobStore();
        }
    }
}

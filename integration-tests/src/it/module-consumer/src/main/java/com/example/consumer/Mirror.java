package com.example.consumer;

import dev.berth.client.RegistryClient;
import dev.berth.model.Descriptor;
import dev.berth.server.EmbeddedRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Application code using both sides: it stores bytes in an embedded registry through the client. */
public final class Mirror {
    private Mirror() {
    }

    /**
     * @param registry where to store
     * @param content the bytes
     * @return the bytes read back
     */
    public static byte[] roundTrip(EmbeddedRegistry registry, byte[] content) {
        try (RegistryClient client = RegistryClient.builder(registry.hostPort()).build()) {
            Descriptor pushed = client.pushBlob("mirror/app", "application/octet-stream", content);
            try (InputStream in = client.openBlob("mirror/app", pushed)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.berth.client.registries;

import dev.berth.client.internal.OwnedHttpClients;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One JDK HTTP client per distinct TLS setting, shared by every registry that
 * has it: connection pools and threads are not multiplied by the number of registries.
 */
final class SharedHttpClients implements AutoCloseable {
    private record TlsSetting(boolean insecure, Optional<Path> caCertificate) {
    }

    private final Map<TlsSetting, HttpClient> clients = new ConcurrentHashMap<>();
    private final Duration connectTimeout;
    private final OwnedHttpClients owned = new OwnedHttpClients("berth-registries-http");

    SharedHttpClients(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** @throws IllegalArgumentException if the entry's CA file cannot be read */
    HttpClient forEntry(RegistryEntry entry) {
        return clients.computeIfAbsent(settingOf(entry), s -> owned.build(!s.insecure(),
                s.caCertificate().map(List::of).orElse(List.of()), null, connectTimeout));
    }

    /** Releases every client made here (those of forgotten settings too). */
    @Override
    public void close() {
        clients.clear();
        owned.close();
    }

    /** Drops the client for this entry's setting, so that a CA file changed on disk is read again. */
    void forget(RegistryEntry entry) {
        clients.remove(settingOf(entry));
    }

    private static TlsSetting settingOf(RegistryEntry entry) {
        // An insecure registry verifies nothing, so its CA file does not matter.
        return new TlsSetting(entry.insecure(),
                entry.insecure() ? Optional.empty() : entry.caCertificate().map(p -> p.toAbsolutePath().normalize()));
    }
}

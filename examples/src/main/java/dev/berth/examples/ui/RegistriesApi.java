package dev.berth.examples.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.auth.vault.Secret;
import dev.berth.client.registries.RegistryEntry;
import dev.berth.client.registries.RegistrySet;
import dev.berth.events.store.EventStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code /api/v1/registries}: list, add, edit, remove, test. Passwords go into
 * the {@link RegistrySet}'s vault and never come back; a CA certificate given as
 * PEM text is kept in {@code DIR/ca/}. Every change is tested and audited.
 */
final class RegistriesApi {
    private final RegistrySet registries;
    private final ConnectionStatuses statuses;
    private final EventStore events;
    private final AuditLog audit;
    private final Path caDir;
    private final java.util.function.Consumer<String> onChange; // the registry whose cached answers to drop

    RegistriesApi(RegistrySet registries, ConnectionStatuses statuses, EventStore events, AuditLog audit, Path caDir,
                  java.util.function.Consumer<String> onChange) {
        this.registries = registries;
        this.statuses = statuses;
        this.events = events;
        this.audit = audit;
        this.caDir = caDir;
        this.onChange = onChange;
    }

    void list(ApiRequest request) throws IOException {
        ObjectNode answer = UiJson.object();
        ArrayNode items = answer.putArray("registries");
        registries.list().forEach(e -> items.add(json(e)));
        request.json(200, answer);
    }

    void add(ApiRequest request) throws IOException {
        ObjectNode body = request.jsonBody();
        String name = UiJson.requiredText(body, "name");
        if (registries.get(name).isPresent()) {
            throw ApiException.conflict("a registry named \"" + name + "\" exists already");
        }
        RegistryEntry entry = entry(name, body);
        Optional<String> password = UiJson.text(body, "password").filter(p -> !p.isEmpty());
        requireUserForPassword(entry, password);
        registries.add(entry, password.map(Secret::new).orElse(null));
        audit.record(request.user(), "registry.add", name, describe(entry, password.isPresent()));
        onChange.accept(name);
        request.json(201, saved(name));
    }

    void edit(ApiRequest request, String name) throws IOException {
        RegistryEntry current = existing(name);
        ObjectNode body = request.jsonBody();
        Optional<String> renamed = UiJson.text(body, "name").filter(n -> !n.equals(name));
        if (renamed.isPresent()) {
            throw ApiException.badRequest("field \"name\": a registry cannot be renamed (\"" + name + "\" to \""
                    + renamed.get() + "\"); remove it and add it under the new name");
        }
        RegistryEntry entry = entry(name, body);
        Optional<String> password = UiJson.text(body, "password").filter(p -> !p.isEmpty());
        requireUserForPassword(entry, password);
        if (password.isPresent()) {
            registries.add(entry, new Secret(password.get()));
        } else {
            registries.edit(entry); // an absent password keeps the stored one
        }
        audit.record(request.user(), "registry.edit", name, describe(entry, password.isPresent())
                + (current.equals(entry) ? "" : "; was " + current.address()));
        onChange.accept(name);
        request.json(200, saved(name));
    }

    void remove(ApiRequest request, String name) throws IOException {
        existing(name);
        registries.remove(name);
        statuses.forget(name);
        int removed = events.deleteRegistry(name);
        deleteCa(name);
        audit.record(request.user(), "registry.remove", name, removed + " events removed");
        onChange.accept(name);
        request.json(200, UiJson.object().put("removed", name).put("eventsRemoved", removed));
    }

    void test(ApiRequest request, String name) throws IOException {
        existing(name);
        request.json(200, statuses.record(registries.test(name)));
    }

    private ObjectNode saved(String name) {
        ObjectNode test = statuses.record(registries.test(name));
        ObjectNode answer = UiJson.object();
        answer.set("registry", json(registries.get(name).orElseThrow()));
        answer.set("test", test);
        return answer;
    }

    RegistryEntry existing(String name) {
        return registries.get(name).orElseThrow(() -> ApiException.notFound("no registry named \"" + name + "\""));
    }

    private RegistryEntry entry(String name, ObjectNode body) throws IOException {
        String url = UiJson.requiredText(body, "url").strip();
        RegistryEntry entry;
        try {
            entry = RegistryEntry.of(name, url);
        } catch (IllegalArgumentException | dev.berth.model.OciException e) {
            String field = e.getMessage() != null && e.getMessage().contains("registry name") ? "name" : "url";
            throw ApiException.badRequest("field \"" + field + "\": " + e.getMessage());
        }
        entry = entry.withInsecure(UiJson.bool(body, "insecure"));
        Optional<String> user = UiJson.text(body, "username").map(String::strip).filter(u -> !u.isEmpty());
        if (user.isPresent()) {
            entry = entry.withUsername(user.get());
        }
        Optional<String> ca = UiJson.text(body, "caCert").filter(c -> !c.isBlank());
        if (ca.isPresent()) {
            if (!ca.get().contains("-----BEGIN CERTIFICATE-----")) {
                throw ApiException.badRequest("field \"caCert\" must be PEM text holding -----BEGIN CERTIFICATE-----");
            }
            Path file = caFile(name);
            Files.createDirectories(caDir);
            Files.writeString(file, ca.get(), StandardCharsets.US_ASCII);
            entry = entry.withCaCertificate(file);
        } else {
            deleteCa(name);
        }
        return entry;
    }

    private static void requireUserForPassword(RegistryEntry entry, Optional<String> password) {
        if (password.isPresent() && entry.username().isEmpty()) {
            throw ApiException.badRequest("field \"username\" is required with a password");
        }
    }

    ObjectNode json(RegistryEntry e) {
        ObjectNode n = UiJson.object().put("name", e.name()).put("url", e.address())
                .put("username", e.username().orElse(null)).put("insecure", e.insecure())
                .put("caCert", e.caCertificate().map(RegistriesApi::readPem).orElse(null))
                .put("hasPassword", registries.hasPassword(e.name()));
        n.set("status", statuses.of(e.name()).orElse(null));
        return n;
    }

    private static String readPem(Path p) {
        try {
            return Files.readString(p, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null; // removed by hand: the connection test will say what is wrong
        }
    }

    private static String describe(RegistryEntry e, boolean newPassword) {
        return e.address() + (e.insecure() ? ", insecure" : "") + e.username().map(u -> ", user " + u).orElse("")
                + (e.caCertificate().isPresent() ? ", own CA" : "") + (newPassword ? ", new password" : "");
    }

    // The file name is a hash: a registry's name is free text and must not choose a path.
    private Path caFile(String name) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return caDir.resolve(HexFormat.of().formatHex(h, 0, 12) + ".pem");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private void deleteCa(String name) throws IOException {
        Files.deleteIfExists(caFile(name));
    }
}

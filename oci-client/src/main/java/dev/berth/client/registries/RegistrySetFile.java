package dev.berth.client.registries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.auth.vault.CredentialVault;
import dev.berth.auth.vault.Secret;
import dev.berth.auth.vault.VaultException;
import dev.berth.model.MalformedContentException;
import dev.berth.model.internal.Json;
import java.io.IOException;
import dev.berth.model.ContentIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The JSON file a {@link RegistrySet} is kept in. Settings are in clear; each
 * password is a {@link CredentialVault} ciphertext bound to its registry's
 * name, and a key check tells a wrong key or passphrase from a damaged file.
 * The file is written to a sibling and moved into place, owner-only.
 *
 * <pre>{@code
 * {"version": 1,
 *  "keyCheck": "berth-vault-v1:...",
 *  "registries": [{"name": "corp", "address": "registry.corp.example", "insecure": false,
 *                  "caCertificate": "/etc/corp/ca.pem", "username": "ci", "password": "berth-vault-v1:..."}]}
 * }</pre>
 */
final class RegistrySetFile {
    static final int VERSION = 1;
    private static final String KEY_CHECK_CONTEXT = "berth-registry-set:key-check";
    private static final String KEY_CHECK_TEXT = "berth";

    private final Path file;
    private final CredentialVault vault;
    private final Optional<KeyDerivation> derivation;
    private final List<StoredRegistry> loaded;

    private RegistrySetFile(Path file, CredentialVault vault, Optional<KeyDerivation> derivation, List<StoredRegistry> loaded) {
        this.file = file;
        this.vault = vault;
        this.derivation = derivation;
        this.loaded = loaded;
    }

    /**
     * Reads the file, or starts an empty one if it does not exist.
     *
     * @param vault      the vault, or null when a passphrase is given
     * @param passphrase the passphrase, or null when a vault is given
     * @throws VaultException if the key or passphrase does not open the file
     */
    static RegistrySetFile open(Path file, CredentialVault vault, char[] passphrase) {
        ObjectNode root = Files.exists(file) ? read(file) : JsonNodeFactory.instance.objectNode();
        Optional<KeyDerivation> derivation = keyDerivation(root, file);
        if (passphrase != null) {
            derivation = Optional.of(derivation.orElseGet(KeyDerivation::fresh));
            vault = derivation.get().vault(passphrase);
        } else if (derivation.isPresent()) {
            throw new VaultException(file + " was saved with a passphrase: open it with the passphrase, not a key");
        }
        JsonNode check = root.get("keyCheck");
        if (check != null) {
            try {
                vault.decrypt(KEY_CHECK_CONTEXT, check.asText());
            } catch (VaultException e) {
                throw new VaultException("the " + (passphrase != null ? "passphrase" : "vault key") + " does not open " + file);
            }
        }
        List<StoredRegistry> registries = new ArrayList<>();
        JsonNode list = root.path("registries");
        for (JsonNode node : list) {
            registries.add(registry(node, vault, file));
        }
        return new RegistrySetFile(file, vault, derivation, List.copyOf(registries));
    }

    /** @return the registries as read when opened */
    List<StoredRegistry> loaded() {
        return loaded;
    }

    /** @return where the set is kept */
    Path path() {
        return file;
    }

    /** Writes every registry, passwords encrypted, replacing the file in one move. */
    void save(Collection<StoredRegistry> registries) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("version", VERSION);
        derivation.ifPresent(d -> root.putObject("keyDerivation").put("algorithm", d.algorithm())
                .put("iterations", d.iterations()).put("salt", d.saltBase64()));
        root.put("keyCheck", vault.encrypt(KEY_CHECK_CONTEXT, KEY_CHECK_TEXT));
        ArrayNode list = root.putArray("registries");
        for (StoredRegistry s : registries) {
            RegistryEntry e = s.entry();
            ObjectNode node = list.addObject().put("name", e.name()).put("address", e.address()).put("insecure", e.insecure());
            e.caCertificate().ifPresent(p -> node.put("caCertificate", p.toString()));
            e.username().ifPresent(u -> node.put("username", u));
            s.password().ifPresent(p -> node.put("password", vault.encrypt(passwordContext(e.name()), p.reveal())));
        }
        write(root);
    }

    private void write(ObjectNode root) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = ownerOnlyTempFile(dir);
            try {
                Files.write(temp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new ContentIOException("cannot write the registries file " + file, e);
        }
    }

    // The file names users and registries: nobody else needs to read it.
    private Path ownerOnlyTempFile(Path dir) throws IOException {
        String prefix = "." + file.getFileName() + ".";
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, prefix, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createTempFile(dir, prefix, ".tmp");
    }

    private static ObjectNode read(Path file) {
        ObjectNode root;
        try {
            root = Json.readObject(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new ContentIOException("cannot read the registries file " + file, e);
        }
        int version = root.path("version").asInt(0);
        if (version != VERSION) {
            throw new MalformedContentException(file.toString(), "/version",
                    "is " + root.get("version") + "; this version of Berth reads version " + VERSION);
        }
        return root;
    }

    private static Optional<KeyDerivation> keyDerivation(ObjectNode root, Path file) {
        JsonNode kd = root.get("keyDerivation");
        if (kd == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new KeyDerivation(kd.path("algorithm").asText(), kd.path("iterations").asInt(),
                    Base64.getDecoder().decode(kd.path("salt").asText())));
        } catch (IllegalArgumentException e) {
            throw new MalformedContentException(file.toString(), "/keyDerivation/salt", "is not base64");
        }
    }

    private static StoredRegistry registry(JsonNode node, CredentialVault vault, Path file) {
        String name = requiredText(node, "name", file);
        RegistryEntry entry;
        try {
            entry = RegistryEntry.of(name, requiredText(node, "address", file))
                    .withInsecure(node.path("insecure").asBoolean(false));
            Optional<String> ca = optionalText(node, "caCertificate");
            if (ca.isPresent()) {
                entry = entry.withCaCertificate(Path.of(ca.get()));
            }
            Optional<String> username = optionalText(node, "username");
            if (username.isPresent()) {
                entry = entry.withUsername(username.get());
            }
        } catch (IllegalArgumentException e) {
            throw new MalformedContentException(file.toString(), "/registries/" + name, e.getMessage());
        }
        Optional<Secret> password = optionalText(node, "password").map(c -> vault.decrypt(passwordContext(name), c));
        return new StoredRegistry(entry, password);
    }

    private static String requiredText(JsonNode node, String field, Path file) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new MalformedContentException(file.toString(), "/registries/" + field, "is missing or not a string");
        }
        return v.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    // Binds each ciphertext to its registry: a password moved to another entry does not decrypt.
    private static String passwordContext(String name) {
        return "berth-registry-set:password:" + name;
    }
}

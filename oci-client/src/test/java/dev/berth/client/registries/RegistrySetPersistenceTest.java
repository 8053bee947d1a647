package dev.berth.client.registries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.auth.vault.CredentialVault;
import dev.berth.auth.vault.Secret;
import dev.berth.auth.vault.VaultException;
import dev.berth.testsupport.DistributionRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registries file: what is kept, what is encrypted, and what a wrong key gets. */
class RegistrySetPersistenceTest {
    private static final String PASSWORD = "s3cret-Pa55word-never-in-clear";

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("conf/registries.json");
    }

    private CredentialVault vault() {
        return CredentialVault.fromKeyFile(dir.resolve("registries.key"));
    }

    @Test
    void settingsAndPasswordsSurviveAReopenAndThePasswordIsNeverInClear() throws Exception {
        RegistryEntry corp = RegistryEntry.of("Corp registry", "registry.corp.example:8443")
                .withCaCertificate(Path.of("/etc/corp/ca.pem")).withUsername("ci-bot");
        RegistryEntry local = RegistryEntry.of("local", "http://localhost:5000").withInsecure(true);
        RegistrySet set = RegistrySet.open(file(), vault());
        set.add(corp, new Secret(PASSWORD));
        set.add(local);

        String json = Files.readString(file());
        assertFalse(json.contains(PASSWORD), json);
        assertTrue(json.contains(CredentialVault.PREFIX), json);
        assertTrue(json.contains("ci-bot") && json.contains("registry.corp.example:8443"), json);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));

        RegistrySet reopened = RegistrySet.open(file(), vault());
        assertEquals(List.of(corp, local), reopened.list());
        assertTrue(reopened.hasPassword("Corp registry"));
        assertFalse(reopened.hasPassword("local"));
        assertEquals(Optional.of(local), reopened.get("local"));
        assertEquals("registry.corp.example:8443", reopened.get("Corp registry").orElseThrow().host());
        assertEquals("localhost:5000", local.host());
    }

    @Test
    void theStoredPasswordIsTheOneClientsLogInWith() throws Exception {
        try (DistributionRegistry registry = Peers.distributionWithHtpasswd(dir.resolve("registry"))) {
            RegistrySet.open(file(), vault())
                    .add(RegistryEntry.of("d", registry.hostPort()).withUsername(Peers.USER), new Secret(Peers.PASSWORD));
            RegistrySet reopened = RegistrySet.open(file(), vault());
            ConnectionReport report = reopened.test("d");
            assertTrue(report.ok(), report.toString());
            assertEquals(Optional.of("basic"), report.authScheme());
            TestImages.push(reopened.client("d"), "team/app", "1.0");
            assertEquals(List.of("1.0"), reopened.tags("d", "team/app"));
        }
    }

    @Test
    void removalAndReplacementAreSaved() {
        RegistrySet set = RegistrySet.open(file(), vault());
        set.add(RegistryEntry.of("a", "a.example"));
        set.add(RegistryEntry.of("b", "b.example").withUsername("u"), new Secret(PASSWORD));
        set.add(RegistryEntry.of("b", "b2.example"));
        assertTrue(set.remove("a"));
        assertFalse(set.remove("a"));
        RegistrySet reopened = RegistrySet.open(file(), vault());
        assertEquals(List.of(RegistryEntry.of("b", "b2.example")), reopened.list());
        assertFalse(reopened.hasPassword("b"), "the replacement came without a password");
        assertThrows(NoSuchElementException.class, () -> reopened.client("a"));
    }

    @Test
    void anotherKeyDoesNotOpenTheFile() {
        RegistrySet.open(file(), vault()).add(RegistryEntry.of("b", "b.example").withUsername("u"), new Secret(PASSWORD));
        CredentialVault other = CredentialVault.fromBase64Key(CredentialVault.generateKey());
        VaultException e = assertThrows(VaultException.class, () -> RegistrySet.open(file(), other));
        assertTrue(e.getMessage().contains("does not open"), e.getMessage());
    }

    @Test
    void aPasswordMovedToAnotherEntryDoesNotDecrypt() throws Exception {
        RegistrySet set = RegistrySet.open(file(), vault());
        set.add(RegistryEntry.of("a", "a.example").withUsername("u"), new Secret(PASSWORD));
        set.add(RegistryEntry.of("b", "b.example").withUsername("u"), new Secret("other"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(file().toFile());
        ArrayNode list = (ArrayNode) root.get("registries");
        ((ObjectNode) list.get(1)).set("password", list.get(0).get("password"));
        json.writeValue(file().toFile(), root);
        assertThrows(VaultException.class, () -> RegistrySet.open(file(), vault()));
    }

    @Test
    void aPassphraseOpensWhatItSavedAndNothingElseDoes() throws Exception {
        char[] passphrase = "a long passphrase for the registries".toCharArray();
        RegistrySet set = RegistrySet.builder().file(file()).passphrase(passphrase).build();
        set.add(RegistryEntry.of("b", "b.example").withUsername("u"), new Secret(PASSWORD));
        String json = Files.readString(file());
        assertFalse(json.contains(PASSWORD));
        assertTrue(json.contains("PBKDF2WithHmacSHA256"), json);

        RegistrySet reopened = RegistrySet.builder().file(file()).passphrase(passphrase).build();
        assertTrue(reopened.hasPassword("b"));
        assertThrows(VaultException.class,
                () -> RegistrySet.builder().file(file()).passphrase("wrong passphrase".toCharArray()).build());
        assertThrows(VaultException.class, () -> RegistrySet.open(file(), vault()), "saved with a passphrase, not a key");
    }

    @Test
    void misuseIsRefusedPlainly() {
        RegistrySet set = RegistrySet.inMemory();
        assertThrows(IllegalArgumentException.class, () -> set.add(RegistryEntry.of("x", "x.example"), new Secret("p")),
                "a password needs a username");
        assertThrows(IllegalStateException.class, () -> RegistrySet.builder().file(file()).build(), "no vault");
        assertThrows(IllegalArgumentException.class, () -> RegistryEntry.of(" padded", "x.example"));
        assertThrows(dev.berth.model.InvalidArgumentException.class, () -> RegistryEntry.of("x", "x.example/path"));
        assertFalse(Files.exists(file()));
    }
}

package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.OciException;
import dev.berth.server.auth.Htpasswd;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code berth dev-registry} keeps in its directory across restarts: the TLS material, the login, the lock,
 * and where the directory is by default.
 */
class DevRegistryFilesTest {
    @TempDir
    Path dir;

    @Test
    void theTlsMaterialIsKeptWhileItNamesTheHostAndMadeAgainWhenItDoesNot() throws Exception {
        Path tls = dir.resolve("tls");
        GeneratedTls first = GeneratedTls.reused(tls, "127.0.0.1");
        assertTrue(first.note().isEmpty(), "nothing was there before: nothing to say");
        byte[] ca = Files.readAllBytes(first.caPem());

        GeneratedTls again = GeneratedTls.reused(tls, "127.0.0.1");
        assertArrayEquals(ca, Files.readAllBytes(again.caPem()), "the same CA on a restart");
        assertTrue(again.note().isEmpty());
        assertArrayEquals(ca, Files.readAllBytes(GeneratedTls.reused(tls, "::1").caPem()), "::1 is named, written in full");

        GeneratedTls elsewhere = GeneratedTls.reused(tls, "192.0.2.7");
        assertFalse(java.util.Arrays.equals(ca, Files.readAllBytes(elsewhere.caPem())), "a certificate naming the new address");
        assertTrue(elsewhere.note().orElseThrow().contains("does not name 192.0.2.7"), elsewhere.note().toString());
        assertArrayEquals(Files.readAllBytes(elsewhere.caPem()), Files.readAllBytes(GeneratedTls.reused(tls, "192.0.2.7").caPem()));
    }

    @Test
    void serveMakesNewTlsMaterialOnEveryStart() throws Exception {
        byte[] first = Files.readAllBytes(GeneratedTls.fresh(dir.resolve("tls")).caPem());
        assertNotEquals(new String(first, StandardCharsets.US_ASCII),
                Files.readString(GeneratedTls.fresh(dir.resolve("tls")).caPem()));
    }

    @Test
    void theLoginIsKeptOwnerOnlyAndTheHtpasswdWrittenAgainWhenItNoLongerAcceptsThePassword() throws Exception {
        Path password = dir.resolve("password");
        Path htpasswd = dir.resolve("htpasswd");
        DevRegistryLogin first = DevRegistryLogin.keptOrNew(password, htpasswd);
        assertEquals("dev", first.username());
        assertTrue(first.password().length() >= 32, first.password());
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(password));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(htpasswd));
        assertTrue(Htpasswd.load(htpasswd).authenticate("dev", first.password()));
        assertFalse(Files.readString(htpasswd).contains(first.password()), "hashed");

        assertEquals(first.password(), DevRegistryLogin.keptOrNew(password, htpasswd).password(), "kept on a restart");
        Files.writeString(htpasswd, Htpasswd.line("dev", "something else") + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(first.password(), DevRegistryLogin.keptOrNew(password, htpasswd).password());
        assertTrue(Htpasswd.load(htpasswd).authenticate("dev", first.password()), "the htpasswd follows the password file");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(password), "made private again");

        Files.delete(password);
        assertNotEquals(first.password(), DevRegistryLogin.keptOrNew(password, htpasswd).password(), "a new one when it is gone");
    }

    @Test
    void theAuthFileHoldsTheLoginAsDockerAndPodmanReadIt() throws Exception {
        DevRegistryLogin login = DevRegistryLogin.keptOrNew(dir.resolve("password"), dir.resolve("htpasswd"));
        Path file = login.writeAuthFile(dir.resolve("auth.json"), "127.0.0.1:5001");
        JsonNode auth = new ObjectMapper().readTree(file.toFile()).get("auths").get("127.0.0.1:5001").get("auth");
        assertEquals("dev:" + login.password(), new String(Base64.getDecoder().decode(auth.asText()), StandardCharsets.UTF_8));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
    }

    @Test
    void aSecondRegistryOnTheDirectoryIsRefusedWhileTheFirstHoldsIt() throws Exception {
        DevRegistryDir registry = new DevRegistryDir(dir.resolve("a/dev"));
        try (FileChannel held = registry.lock()) {
            assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(registry.root()));
            OciException refused = assertThrows(OciException.class, registry::lock);
            assertTrue(refused.getMessage().contains("another berth dev-registry is serving " + registry.root()), refused.getMessage());
        }
        registry.lock().close(); // free again once the first let go
    }

    @Test
    void theDirectoryDefaultsToTheUsersDataDirectory() {
        assertEquals(Path.of("/x/data/berth/dev-registry"), DevRegistryDir.defaultRoot(Map.of("XDG_DATA_HOME", "/x/data")));
        assertEquals(Path.of("/home/me/.local/share/berth/dev-registry"), DevRegistryDir.defaultRoot(Map.of("HOME", "/home/me")));
        assertEquals(Path.of(System.getProperty("user.home"), ".local/share/berth/dev-registry"), DevRegistryDir.defaultRoot(Map.of()));
    }

    @Test
    void theBrowserAndTheMetricsListenOnTheNextPortsOnLoopback() {
        assertEquals(new InetSocketAddress("127.0.0.1", 5002), DevRegistryCommand.beside(new InetSocketAddress("0.0.0.0", 5001), 1));
        assertEquals(new InetSocketAddress("127.0.0.1", 0), DevRegistryCommand.beside(new InetSocketAddress("127.0.0.1", 0), 2));
        UsageException full = assertThrows(UsageException.class, () -> DevRegistryCommand.beside(new InetSocketAddress("127.0.0.1", 65534), 2));
        assertTrue(full.getMessage().contains("65534"), full.getMessage());
    }

    @Test
    void aBusyPortIsOneLineNamingItAndLeavesTheDirectoryFree() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            CliRun cli = new CliRun();
            String address = "127.0.0.1:" + busy.getLocalPort();
            assertEquals(Cli.FAILED, cli.run("dev-registry", "--dir", dir.resolve("dev").toString(), "--addr", address));
            assertTrue(cli.stderr().startsWith("berth dev-registry: cannot listen on " + address + " (the registry)"), cli.stderr());
            assertEquals(1, cli.stderr().lines().count(), cli.stderr());
            assertTrue(cli.stderr().contains("choose another --addr"), cli.stderr());
        }
        new DevRegistryDir(dir.resolve("dev")).lock().close(); // the failed start let go of it
    }

    @Test
    void helpDescribesTheCommand() {
        CliRun cli = new CliRun();
        assertEquals(Cli.OK, cli.run("help"));
        assertTrue(cli.stdout().contains("berth dev-registry [--dir DIR] [--addr HOST:PORT]"), cli.stdout());
        assertEquals(Cli.OK, cli.run("help", "dev-registry"));
        assertTrue(cli.stdout().contains("~/.local/share/berth/dev-registry") && cli.stdout().contains("PORT+1"), cli.stdout());
        assertEquals(Cli.USAGE, cli.run("dev-registry", "--addr", "nowhere"));
        assertTrue(cli.stderr().contains("--addr must be HOST:PORT"), cli.stderr());
    }
}

package dev.berth.auth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtpasswdTest {
    @TempDir
    Path dir;

    @Test
    void checksBcryptPasswords() throws Exception {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, "# users\n" + Htpasswd.line("alice", "s3cret") + "\n" + Htpasswd.line("bob", "pw") + "\n");
        Htpasswd h = Htpasswd.load(file);
        assertTrue(h.authenticate("alice", "s3cret"));
        assertFalse(h.authenticate("alice", "wrong"));
        assertFalse(h.authenticate("mallory", "s3cret"));
        assertEquals(Set.of("alice", "bob"), h.users());
        assertTrue(Htpasswd.line("x", "y").startsWith("x:$2y$10$"));
    }

    @Test
    void acceptsTheOtherBcryptPrefixes() throws Exception {
        String hash = Htpasswd.line("u", "pw").substring(2);
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, "a:" + hash.replace("$2y$", "$2a$") + "\nb:" + hash.replace("$2y$", "$2b$") + "\n");
        Htpasswd h = Htpasswd.load(file);
        assertTrue(h.authenticate("a", "pw"));
        assertTrue(h.authenticate("b", "pw"));
    }

    @Test
    void refusesOtherHashFormatsNamingTheLineButNotTheHash() throws Exception {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, Htpasswd.line("ok", "pw") + "\nold:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n");
        HtpasswdException e = assertThrows(HtpasswdException.class, () -> Htpasswd.load(file));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("\"old\""), e.getMessage());
        assertFalse(e.getMessage().contains("W6ph5"));
        Files.writeString(file, "md5:$apr1$abc$def\n");
        assertThrows(HtpasswdException.class, () -> Htpasswd.load(file));
        Files.writeString(file, "nocolon\n");
        assertThrows(HtpasswdException.class, () -> Htpasswd.load(file));
        assertThrows(HtpasswdException.class, () -> Htpasswd.load(dir.resolve("missing")));
    }

    @Test
    void reloadsWhenTheFileChanges() throws Exception {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, Htpasswd.line("alice", "one") + "\n");
        Htpasswd h = Htpasswd.load(file);
        assertTrue(h.authenticate("alice", "one"));
        Files.writeString(file, Htpasswd.line("alice", "two") + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertFalse(h.authenticate("alice", "one"));
        assertTrue(h.authenticate("alice", "two"));
    }
}

package dev.berth.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
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
    void reloadsWhenTheFileChangesLookingAtItOnceASecondAtMost() throws Exception {
        Observed o = observed(lineWithCost("alice", "one", 4));
        assertTrue(o.htpasswd.authenticate("alice", "one"));
        o.rewrite(lineWithCost("alice", "two", 4));
        o.advance(Duration.ofMillis(500));
        assertTrue(o.htpasswd.authenticate("alice", "one"), "within a second of the last look, the file is not looked at");
        o.advance(Duration.ofMillis(600));
        assertFalse(o.htpasswd.authenticate("alice", "one"));
        assertTrue(o.htpasswd.authenticate("alice", "two"));
    }

    /** Writes the htpasswd file with these lines and loads it, watched. */
    private Observed observed(String... lines) throws IOException {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return new Observed(file);
    }

    /** An Htpasswd whose bcrypt checks, clock and warnings the test sees. */
    private static final class Observed {
        final Path file;
        final List<String> checkedAgainst = Collections.synchronizedList(new ArrayList<>());
        final List<String> warnings = new ArrayList<>();
        final AtomicLong now = new AtomicLong();
        final Htpasswd htpasswd;

        Observed(Path file) {
            this.file = file;
            htpasswd = new Htpasswd(file, now::get, (hash, password) -> {
                checkedAgainst.add(hash);
                return OpenBSDBCrypt.checkPassword(hash, password);
            }, warnings::add);
        }

        /** Replaces the file's lines, with a modification time that differs from the one loaded. */
        void rewrite(String... lines) throws IOException {
            Files.writeString(file, String.join("\n", lines) + "\n");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        }

        void advance(Duration d) {
            now.addAndGet(d.toNanos());
        }
    }

    private static String lineWithCost(String user, String password, int cost) {
        byte[] salt = new byte[16];
        return user + ":" + OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, cost);
    }

    @Test
    void anUnknownUserCostsOneBcryptCheckAtTheCostTheFileUses() throws Exception {
        Observed o = observed(lineWithCost("alice", "a", 5), lineWithCost("bob", "b", 5), lineWithCost("carol", "c", 4));
        assertFalse(o.htpasswd.authenticate("alice", "wrong"));
        assertFalse(o.htpasswd.authenticate("mallory", "wrong"));
        assertFalse(o.htpasswd.authenticate("trudy", "wrong"));
        assertEquals(3, o.checkedAgainst.size(), "one check each, known or not");
        assertTrue(o.checkedAgainst.get(1).startsWith("$2y$05$"), "the cost most entries use: " + o.checkedAgainst.get(1));
        assertEquals(o.checkedAgainst.get(1), o.checkedAgainst.get(2), "one dummy hash, made at load, not per request");
        assertFalse(o.checkedAgainst.get(1).equals(o.checkedAgainst.get(0)));
    }

    @Test
    void aSuccessIsRememberedBrieflyAFailureNever() throws Exception {
        Observed o = observed(lineWithCost("alice", "s3cret", 4));
        for (int i = 0; i < 5; i++) {
            assertTrue(o.htpasswd.authenticate("alice", "s3cret"));
            assertFalse(o.htpasswd.authenticate("alice", "guess" + i));
        }
        assertEquals(6, o.checkedAgainst.size(), "the first success and every failure pay bcrypt; repeats do not");
        o.advance(Duration.ofSeconds(61));
        assertTrue(o.htpasswd.authenticate("alice", "s3cret"));
        assertEquals(7, o.checkedAgainst.size(), "after a minute it is checked again");
    }

    @Test
    void aLoginInUseStaysRememberedAndOneUnusedForAMinuteIsCheckedAgain() throws Exception {
        Observed o = observed(lineWithCost("alice", "s3cret", 4));
        assertTrue(o.htpasswd.authenticate("alice", "s3cret"));
        for (int use = 0; use < 10; use++) { // at 40 s, 80 s, ... 400 s
            o.advance(Duration.ofSeconds(40));
            assertTrue(o.htpasswd.authenticate("alice", "s3cret"));
        }
        assertEquals(1, o.checkedAgainst.size(), "used every 40 s, the login is never checked again");
        o.advance(Duration.ofSeconds(61));
        assertTrue(o.htpasswd.authenticate("alice", "s3cret"));
        assertEquals(2, o.checkedAgainst.size(), "a minute unused, it is");
    }

    @Test
    void requestsArrivingWhileTheirCredentialsAreCheckedWaitForThatOneCheck() throws Exception {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, lineWithCost("alice", "s3cret", 4) + "\n");
        CountDownLatch allAsking = new CountDownLatch(1);
        AtomicInteger checks = new AtomicInteger();
        Htpasswd h = new Htpasswd(file, System::nanoTime, (hash, password) -> {
            checks.incrementAndGet();
            try {
                allAsking.await(); // the check is still running while the other requests come in
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OpenBSDBCrypt.checkPassword(hash, password);
        }, w -> { });
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> right = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                right.add(pool.submit(() -> h.authenticate("alice", "s3cret")));
            }
            while (checks.get() == 0) {
                Thread.sleep(1);
            }
            Thread.sleep(100); // the other 15 reach the check in progress
            allAsking.countDown();
            for (Future<Boolean> f : right) {
                assertTrue(f.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, checks.get(), "16 requests at once, one bcrypt check");
            assertFalse(h.authenticate("alice", "wrong"));
            assertFalse(h.authenticate("alice", "wrong"));
            assertEquals(3, checks.get(), "a failure is never shared with a later request");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aChangedFileForgetsRememberedLogins() throws Exception {
        Observed o = observed(lineWithCost("alice", "old", 4));
        assertTrue(o.htpasswd.authenticate("alice", "old"));
        o.rewrite(lineWithCost("alice", "new", 4));
        o.advance(Duration.ofSeconds(2));
        assertFalse(o.htpasswd.authenticate("alice", "old"), "the old password is not remembered past the change");
        assertTrue(o.htpasswd.authenticate("alice", "new"));
    }

    @Test
    void aBadLineAddedWhileRunningIsSkippedWithOneWarning() throws Exception {
        String alice = lineWithCost("alice", "a", 4);
        Observed o = observed(alice);
        o.rewrite(alice, "old:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=", lineWithCost("bob", "b", 4));
        o.advance(Duration.ofSeconds(2));
        for (int i = 0; i < 3; i++) {
            assertTrue(o.htpasswd.authenticate("alice", "a"));
            assertTrue(o.htpasswd.authenticate("bob", "b"), "the lines after it still count");
            assertFalse(o.htpasswd.authenticate("old", "anything"));
        }
        assertEquals(1, o.warnings.size(), o.warnings.toString());
        assertTrue(o.warnings.get(0).contains("line 2") && o.warnings.get(0).contains("\"old\""), o.warnings.get(0));
        assertFalse(o.warnings.get(0).contains("W6ph5"), "never the hash");
        assertEquals(Set.of("alice", "bob"), o.htpasswd.users());

        Files.delete(o.file);
        o.advance(Duration.ofSeconds(2));
        for (int i = 0; i < 3; i++) {
            assertTrue(o.htpasswd.authenticate("alice", "a"), "an unreadable file keeps the users last read");
        }
        assertEquals(2, o.warnings.size(), "and says so once: " + o.warnings);
    }
}

package dev.berth.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, lineWithCost("alice", "one", 4) + "\n");
        Observed o = new Observed(file);
        assertTrue(o.htpasswd.authenticate("alice", "one"));
        Files.writeString(file, lineWithCost("alice", "two", 4) + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        o.now.addAndGet(java.time.Duration.ofMillis(500).toNanos());
        assertTrue(o.htpasswd.authenticate("alice", "one"), "within a second of the last look, the file is not looked at");
        o.now.addAndGet(java.time.Duration.ofMillis(600).toNanos());
        assertFalse(o.htpasswd.authenticate("alice", "one"));
        assertTrue(o.htpasswd.authenticate("alice", "two"));
    }

    /** An Htpasswd whose bcrypt checks, clock and warnings the test sees. */
    private static final class Observed {
        final List<String> checkedAgainst = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> warnings = new ArrayList<>();
        final AtomicLong now = new AtomicLong();
        final Htpasswd htpasswd;

        Observed(Path file) {
            htpasswd = new Htpasswd(file, now::get, (hash, password) -> {
                checkedAgainst.add(hash);
                return OpenBSDBCrypt.checkPassword(hash, password);
            }, warnings::add);
        }
    }

    private static String lineWithCost(String user, String password, int cost) {
        byte[] salt = new byte[16];
        return user + ":" + OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, cost);
    }

    @Test
    void anUnknownUserCostsOneBcryptCheckAtTheCostTheFileUses() throws Exception {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, lineWithCost("alice", "a", 5) + "\n" + lineWithCost("bob", "b", 5) + "\n"
                + lineWithCost("carol", "c", 4) + "\n");
        Observed o = new Observed(file);
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
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, lineWithCost("alice", "s3cret", 4) + "\n");
        Observed o = new Observed(file);
        for (int i = 0; i < 5; i++) {
            assertTrue(o.htpasswd.authenticate("alice", "s3cret"));
            assertFalse(o.htpasswd.authenticate("alice", "guess" + i));
        }
        assertEquals(6, o.checkedAgainst.size(), "the first success and every failure pay bcrypt; repeats do not");
        o.now.addAndGet(java.time.Duration.ofSeconds(61).toNanos());
        assertTrue(o.htpasswd.authenticate("alice", "s3cret"));
        assertEquals(7, o.checkedAgainst.size(), "after a minute it is checked again");
    }

    @Test
    void aLoginInUseStaysRememberedAndOneUnusedForAMinuteIsCheckedAgain() throws Exception {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, lineWithCost("alice", "s3cret", 4) + "\n");
        Observed o = new Observed(file);
        assertTrue(o.htpasswd.authenticate("alice", "s3cret"));
        for (int second = 40; second <= 400; second += 40) {
            o.now.set(java.time.Duration.ofSeconds(second).toNanos());
            assertTrue(o.htpasswd.authenticate("alice", "s3cret"));
        }
        assertEquals(1, o.checkedAgainst.size(), "used every 40 s, the login is never checked again");
        o.now.addAndGet(java.time.Duration.ofSeconds(61).toNanos());
        assertTrue(o.htpasswd.authenticate("alice", "s3cret"));
        assertEquals(2, o.checkedAgainst.size(), "a minute unused, it is");
    }

    @Test
    void requestsArrivingWhileTheirCredentialsAreCheckedWaitForThatOneCheck() throws Exception {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, lineWithCost("alice", "s3cret", 4) + "\n");
        java.util.concurrent.CountDownLatch allAsking = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        Htpasswd h = new Htpasswd(file, System::nanoTime, (hash, password) -> {
            checks.incrementAndGet();
            try {
                allAsking.await(); // the check is still running while the other requests come in
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OpenBSDBCrypt.checkPassword(hash, password);
        }, w -> { });
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<Boolean>> right = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                right.add(pool.submit(() -> h.authenticate("alice", "s3cret")));
            }
            while (checks.get() == 0) {
                Thread.sleep(1);
            }
            Thread.sleep(100); // the other 15 reach the check in progress
            allAsking.countDown();
            for (java.util.concurrent.Future<Boolean> f : right) {
                assertTrue(f.get(10, java.util.concurrent.TimeUnit.SECONDS));
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
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, lineWithCost("alice", "old", 4) + "\n");
        Observed o = new Observed(file);
        assertTrue(o.htpasswd.authenticate("alice", "old"));
        Files.writeString(file, lineWithCost("alice", "new", 4) + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        o.now.addAndGet(java.time.Duration.ofSeconds(2).toNanos());
        assertFalse(o.htpasswd.authenticate("alice", "old"), "the old password is not remembered past the change");
        assertTrue(o.htpasswd.authenticate("alice", "new"));
    }

    @Test
    void aBadLineAddedWhileRunningIsSkippedWithOneWarning() throws Exception {
        Path file = dir.resolve("htpasswd");
        String alice = lineWithCost("alice", "a", 4);
        Files.writeString(file, alice + "\n");
        Observed o = new Observed(file);
        Files.writeString(file, alice + "\nold:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n" + lineWithCost("bob", "b", 4) + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        o.now.addAndGet(java.time.Duration.ofSeconds(2).toNanos());
        for (int i = 0; i < 3; i++) {
            assertTrue(o.htpasswd.authenticate("alice", "a"));
            assertTrue(o.htpasswd.authenticate("bob", "b"), "the lines after it still count");
            assertFalse(o.htpasswd.authenticate("old", "anything"));
        }
        assertEquals(1, o.warnings.size(), o.warnings.toString());
        assertTrue(o.warnings.get(0).contains("line 2") && o.warnings.get(0).contains("\"old\""), o.warnings.get(0));
        assertFalse(o.warnings.get(0).contains("W6ph5"), "never the hash");
        assertEquals(Set.of("alice", "bob"), o.htpasswd.users());

        Files.delete(file);
        o.now.addAndGet(java.time.Duration.ofSeconds(2).toNanos());
        for (int i = 0; i < 3; i++) {
            assertTrue(o.htpasswd.authenticate("alice", "a"), "an unreadable file keeps the users last read");
        }
        assertEquals(2, o.warnings.size(), "and says so once: " + o.warnings);
    }
}

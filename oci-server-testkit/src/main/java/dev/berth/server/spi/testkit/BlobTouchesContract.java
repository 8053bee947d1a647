package dev.berth.server.spi.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import dev.berth.server.spi.BlobTouches;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BlobTouches} must pass: what garbage collection on one instance and pushes on another
 * rely on. Extend it and implement {@link #newTouches()}; for a record that several processes share, the touches and
 * claims may come from two objects over the same record ({@link #otherInstance()}).
 */
public abstract class BlobTouchesContract {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration CLAIM = Duration.ofMinutes(1);

    /** The record under test, new and empty for each test. */
    protected BlobTouches touches;
    /** The same record as another instance sees it: {@link #touches} unless {@link #otherInstance()} says more. */
    protected BlobTouches other;

    /** For subclasses, which name the record under test. */
    protected BlobTouchesContract() {
    }

    /**
     * @return a new, empty record
     * @throws Exception if it cannot be made; the test fails with it
     */
    protected abstract BlobTouches newTouches() throws Exception;

    /**
     * @return the record {@link #newTouches()} just made, as a second instance over the same storage sees it
     *         (another store object on the same database); the default is the same object
     * @throws Exception if it cannot be made; the test fails with it
     */
    protected BlobTouches otherInstance() throws Exception {
        return touches;
    }

    /** Called after each test, to release what {@link #newTouches()} took; the default does nothing. */
    protected void closeTouches() {
    }

    @BeforeEach
    void open() throws Exception {
        touches = newTouches();
        other = otherInstance();
    }

    @AfterEach
    void close() {
        closeTouches();
    }

    private static Digest blob(String seed) {
        return Digest.sha256(seed.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTouchIsReadBackAndOnlyALaterOneReplacesIt() {
        Digest a = blob("a");
        assertEquals(Optional.empty(), touches.touchedAt(a), "never touched");
        assertEquals(Set.of(), touches.touch(List.of(a, blob("b")), T0.plusSeconds(10)));
        assertEquals(Optional.of(T0.plusSeconds(10)), other.touchedAt(a));
        other.touch(List.of(a), T0.plusSeconds(5));
        assertEquals(Optional.of(T0.plusSeconds(10)), touches.touchedAt(a), "an earlier touch is kept out");
        other.touch(List.of(a), T0.plusSeconds(20));
        assertEquals(Optional.of(T0.plusSeconds(20)), touches.touchedAt(a));
        assertEquals(Set.of(), touches.touch(List.of(), T0), "touching nothing is nothing");
    }

    @Test
    void aClaimIsRefusedForABlobTouchedAfterTheCutoff() {
        Digest young = blob("young");
        Digest old = blob("old");
        Digest unknown = blob("never touched");
        touches.touch(List.of(young), T0.plusSeconds(1));
        touches.touch(List.of(old), T0);
        Instant now = T0.plusSeconds(2);
        assertFalse(other.claim(young, T0, now, now.plus(CLAIM)), "touched after the cutoff");
        assertTrue(other.claim(old, T0, now, now.plus(CLAIM)), "touched at the cutoff");
        assertTrue(other.claim(unknown, T0, now, now.plus(CLAIM)), "a blob without a record was never touched");
    }

    @Test
    void whileALiveClaimHoldsABlobTouchesAndOtherClaimsFailAndAfterItTheyWork() {
        Digest doomed = blob("doomed");
        Digest free = blob("free");
        Instant now = T0.plusSeconds(60);
        assertTrue(touches.claim(doomed, T0, now, now.plus(CLAIM)));
        assertEquals(Set.of(doomed), other.touch(List.of(free, doomed), now.plusSeconds(1)), "only the claimed one fails");
        assertEquals(Optional.of(now.plusSeconds(1)), touches.touchedAt(free));
        assertFalse(other.claim(doomed, now, now.plusSeconds(1), now.plus(CLAIM)), "one claim at a time");

        touches.release(doomed);
        assertEquals(Set.of(), other.touch(List.of(doomed), now.plusSeconds(2)), "released: a push may rely on it");
        assertEquals(Optional.of(now.plusSeconds(2)), touches.touchedAt(doomed));
    }

    @Test
    void anExpiredClaimNoLongerHoldsTheBlob() {
        Digest abandoned = blob("abandoned by a collector that died");
        Instant now = T0.plusSeconds(60);
        assertTrue(touches.claim(abandoned, T0, now, now.plus(CLAIM)));
        Instant later = now.plus(CLAIM);
        assertTrue(other.claim(abandoned, later, later, later.plus(CLAIM)), "another collector takes it over");
        Instant after = later.plus(CLAIM);
        assertEquals(Set.of(), other.touch(List.of(abandoned), after), "and pushes rely on it once that one expired");
        assertEquals(Optional.of(after), touches.touchedAt(abandoned));
    }

    @Test
    void forgettingDropsOldTouchesAndKeepsRecentOnesAndLiveClaims() {
        Digest old = blob("old");
        Digest recent = blob("recent");
        Digest claimed = blob("claimed");
        touches.touch(List.of(old), T0);
        touches.touch(List.of(recent), T0.plusSeconds(100));
        Instant now = T0.plusSeconds(100);
        assertTrue(touches.claim(claimed, T0, now, now.plus(CLAIM)));

        assertEquals(1, other.forgetTouchedBefore(T0.plusSeconds(50)));
        assertEquals(Optional.empty(), touches.touchedAt(old));
        assertEquals(Optional.of(T0.plusSeconds(100)), touches.touchedAt(recent));
        assertEquals(Set.of(claimed), touches.touch(List.of(claimed), now.plusSeconds(1)), "still claimed");
    }

    @Test
    void ofATouchAndAClaimRacingExactlyOneWins() throws Exception {
        int rounds = 40;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < rounds; i++) {
                Digest d = blob("race " + i);
                // Real time, truncated as databases keep it: the claim's cutoff is before any touch made now.
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Boolean> touched = pool.submit(() -> {
                    start.await();
                    return touches.touch(List.of(d), now).isEmpty();
                });
                Future<Boolean> claimed = pool.submit(() -> {
                    start.await();
                    return other.claim(d, now.minusSeconds(1), now, now.plus(CLAIM));
                });
                assertTrue(touched.get() ^ claimed.get(), "round " + i + ": touched " + touched.get() + ", claimed "
                        + claimed.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nullsAreRefusedByName() {
        Digest d = blob("d");
        assertEquals("blobs", assertThrows(InvalidArgumentException.class, () -> touches.touch(null, T0)).argument());
        assertEquals("at", assertThrows(InvalidArgumentException.class, () -> touches.touch(List.of(d), null)).argument());
        assertEquals("blob", assertThrows(InvalidArgumentException.class, () -> touches.touchedAt(null)).argument());
        assertEquals("notTouchedAfter", assertThrows(InvalidArgumentException.class,
                () -> touches.claim(d, null, T0, T0)).argument());
        assertEquals("until", assertThrows(InvalidArgumentException.class,
                () -> touches.claim(d, T0, T0, null)).argument());
        assertEquals("blob", assertThrows(InvalidArgumentException.class, () -> touches.release(null)).argument());
        assertEquals("cutoff", assertThrows(InvalidArgumentException.class,
                () -> touches.forgetTouchedBefore(null)).argument());
    }
}

package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.client.TransferProgress;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The progress line's text for given snapshots, and its width. */
class ProgressLineTest {
    private static final long MIB = 1024 * 1024;

    private static TransferProgress midway() {
        return new TransferProgress(20 * MIB, 9 * MIB, 7 * MIB, 7, 3, 2, 4.1 * MIB, Duration.ofSeconds(2), false);
    }

    @Test
    void aWideTerminalGetsTheBarAndEveryFigure() {
        assertEquals("[=============>                ]  45%  9.0 MiB / 20.0 MiB  3/7 blobs, 2 skipped  4.1 MiB/s",
                ProgressLine.render(midway(), 120));
    }

    @Test
    void theFinishedLineSaysHowLongItTookAndTheAverage() {
        TransferProgress done = new TransferProgress(20 * MIB, 20 * MIB, 18 * MIB, 7, 7, 2, 6 * MIB, Duration.ofMillis(3000),
                true);
        assertEquals("[==============================] 100%  20.0 MiB / 20.0 MiB  7/7 blobs, 2 skipped  done in 3.0 s, 6.0 MiB/s",
                ProgressLine.render(done, 200));
    }

    @Test
    void narrowerTerminalsShortenTheBarThenDropItThenTheRateThenTheBlobs() {
        assertEquals("[=====>      ]  45%  9.0 MiB / 20.0 MiB  3/7 blobs, 2 skipped  4.1 MiB/s",
                ProgressLine.render(midway(), 72), "exactly 72 wide");
        assertEquals(" 45%  9.0 MiB / 20.0 MiB  3/7 blobs, 2 skipped  4.1 MiB/s", ProgressLine.render(midway(), 60));
        assertEquals(" 45%  9.0 MiB / 20.0 MiB  3/7 blobs, 2 skipped", ProgressLine.render(midway(), 50));
        assertEquals(" 45%  9.0 MiB / 20.0 MiB", ProgressLine.render(midway(), 30));
        assertEquals(" 45", ProgressLine.render(midway(), 3));
        assertEquals("", ProgressLine.render(midway(), 0));
    }

    @Test
    void smallCountsAreBytesAndNothingSkippedIsNotMentioned() {
        TransferProgress p = new TransferProgress(1000, 0, 0, 2, 0, 0, 0, Duration.ZERO, false);
        assertEquals("  0%  0 B / 1000 B  0/2 blobs  0 B/s", ProgressLine.render(p, 36));
        assertEquals("1.0 KiB", ProgressLine.bytes(1024));
        assertEquals("1.5 GiB", ProgressLine.bytes(3L * 512 * MIB));
    }

    @Property
    void theLineNeverExceedsTheWidth(@ForAll @IntRange(min = -5, max = 300) int width,
                                     @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 4) long total,
                                     @ForAll @IntRange(min = 0, max = 1000) int permille,
                                     @ForAll @IntRange(min = 0, max = 100_000) int blobs,
                                     @ForAll boolean finished) {
        long done = total / 1000 * permille;
        int doneBlobs = blobs / 1000 * permille;
        TransferProgress p = new TransferProgress(total, done, done / 2, blobs, doneBlobs, doneBlobs / 3,
                done / 7.0, Duration.ofMillis(permille * 1000L), finished);
        String line = ProgressLine.render(p, width);
        assertTrue(line.length() <= Math.max(width, 0), width + ": " + line);
        assertTrue(line.chars().noneMatch(c -> c == '\r' || c == '\n'), line);
    }
}

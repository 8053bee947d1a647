package dev.berth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Descriptor;
import dev.berth.model.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Adding up blobs into one progress, on a clock the test moves. */
class ProgressTrackerTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<TransferProgress> heard = new ArrayList<>();

    private ProgressTracker tracker(Duration interval) {
        return new ProgressTracker(heard::add, interval, now::get);
    }

    private static Descriptor blob(String name, long size) {
        return Descriptor.forContent(MediaType.OCTET_STREAM, name.getBytes(StandardCharsets.UTF_8)).toBuilder().size(size)
                .build();
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void snapshotsComeAtMostOncePerIntervalAndTheFinishedOneAlways() {
        ProgressTracker tracker = tracker(Duration.ofMillis(100));
        Descriptor a = blob("a", 1000);
        tracker.expect(List.of(a, blob("b", 500)));
        assertEquals(1, heard.size(), "the first change is heard at once");
        assertEquals(1500, heard.get(0).totalBytes());
        assertEquals(2, heard.get(0).totalBlobs());

        tracker.progress(a, 100);
        advance(Duration.ofMillis(99));
        tracker.progress(a, 200);
        assertEquals(1, heard.size(), "within the interval");
        advance(Duration.ofMillis(1));
        tracker.progress(a, 300);
        assertEquals(2, heard.size());
        assertEquals(300, heard.get(1).doneBytes());

        tracker.done(a, TransferListener.Outcome.TRANSFERRED);
        tracker.finish();
        assertEquals(3, heard.size(), "finishing is heard even within the interval");
        assertTrue(heard.get(2).finished());
        tracker.finish();
        tracker.progress(a, 1000);
        assertEquals(3, heard.size(), "nothing after the end");
    }

    @Test
    void skippedBlobsCountAsDoneButNotAsSent() {
        ProgressTracker tracker = tracker(Duration.ZERO);
        Descriptor sent = blob("sent", 1000);
        Descriptor present = blob("present", 300);
        Descriptor mounted = blob("mounted", 200);
        tracker.expect(List.of(sent, present, mounted));
        tracker.done(present, TransferListener.Outcome.ALREADY_PRESENT);
        tracker.done(mounted, TransferListener.Outcome.MOUNTED);
        tracker.progress(sent, 600);
        tracker.done(sent, TransferListener.Outcome.TRANSFERRED);
        tracker.finish();

        TransferProgress last = tracker.snapshot();
        assertEquals(1500, last.doneBytes());
        assertEquals(1000, last.sentBytes(), "the bytes after the last report count as sent when the blob is done");
        assertEquals(3, last.doneBlobs());
        assertEquals(2, last.skippedBlobs());
        assertEquals(1.0, last.fraction());
    }

    @Test
    void aRetriedBlobAndADuplicateReportAreCountedOnce() {
        ProgressTracker tracker = tracker(Duration.ZERO);
        Descriptor a = blob("a", 1000);
        tracker.progress(a, 800);
        tracker.progress(a, 100); // the upload started again
        tracker.progress(a, 5000); // more than the blob: capped
        tracker.done(a, TransferListener.Outcome.TRANSFERRED);
        tracker.done(a, TransferListener.Outcome.TRANSFERRED);
        tracker.expect(List.of(a));

        TransferProgress p = tracker.snapshot();
        assertEquals(1000, p.totalBytes(), "a blob first heard of in progress is expected then");
        assertEquals(1000, p.doneBytes());
        assertEquals(1, p.totalBlobs());
        assertEquals(1, p.doneBlobs());
    }

    @Test
    void theRateFollowsTheLastSecondsAndTheFinishedOneIsTheAverage() {
        ProgressTracker tracker = tracker(Duration.ZERO);
        Descriptor a = blob("a", 10_000_000);
        tracker.expect(List.of(a));
        long sent = 0;
        for (int i = 0; i < 8; i++) { // slow at first: 1 MB in 4 s
            advance(Duration.ofMillis(500));
            sent += 125_000;
            tracker.progress(a, sent);
        }
        for (int i = 0; i < 6; i++) { // then 8 MB in 3 s
            advance(Duration.ofMillis(500));
            sent += 8_000_000 / 6;
            tracker.progress(a, sent);
        }
        double recent = heard.get(heard.size() - 1).bytesPerSecond();
        assertTrue(recent > 2_600_000 && recent < 2_700_000, "the slow start is forgotten: " + recent);

        advance(Duration.ofSeconds(3));
        tracker.done(a, TransferListener.Outcome.TRANSFERRED);
        tracker.finish();
        assertEquals(1_000_000, heard.get(heard.size() - 1).bytesPerSecond(), 1e-6, "10 MB in 10 s");
        assertEquals(Duration.ofSeconds(10), heard.get(heard.size() - 1).elapsed());
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> tracker(Duration.ofMillis(-1)));
    }

    /** One report from a transfer: blob index, bytes so far (or -1 for "done"), and how far the clock moves. */
    record Event(int blob, long transferred, int outcome, long millis) {
    }

    @Provide
    Arbitrary<List<Event>> events() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.longs().between(-1, 1200),
                Arbitraries.integers().between(0, 2), Arbitraries.longs().between(0, 300)).as(Event::new).list().ofMaxSize(80);
    }

    @Property
    void whateverTheOrderOfReportsSnapshotsNeverGoBackAndEndAtTheTotals(@ForAll("events") List<Event> events,
                                                                         @ForAll boolean expectFirst) {
        heard.clear();
        List<Descriptor> blobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            blobs.add(blob("blob " + i, 1000));
        }
        ProgressTracker tracker = tracker(Duration.ofMillis(100));
        if (expectFirst) {
            tracker.expect(blobs);
        }
        for (Event e : events) {
            advance(Duration.ofMillis(e.millis()));
            Descriptor b = blobs.get(e.blob());
            if (e.transferred() < 0) {
                tracker.done(b, TransferListener.Outcome.values()[e.outcome()]);
            } else {
                tracker.progress(b, e.transferred());
            }
        }
        blobs.forEach(b -> tracker.done(b, TransferListener.Outcome.TRANSFERRED));
        tracker.finish();

        for (int i = 1; i < heard.size(); i++) {
            TransferProgress before = heard.get(i - 1);
            TransferProgress after = heard.get(i);
            assertTrue(after.doneBytes() >= before.doneBytes() && after.sentBytes() >= before.sentBytes()
                    && after.doneBlobs() >= before.doneBlobs() && after.totalBytes() >= before.totalBytes(),
                    before + " then " + after);
        }
        TransferProgress last = heard.get(heard.size() - 1);
        assertTrue(last.finished());
        assertEquals(5000, last.totalBytes());
        assertEquals(5000, last.doneBytes());
        assertEquals(5, last.doneBlobs());
    }
}

package dev.berth.examples.cli;

import dev.berth.client.TransferProgress;
import java.util.Locale;

/**
 * One line of text for where a transfer stands, at most a given width:
 * {@code [=========>          ]  45%  12.3 MiB / 27.1 MiB  3/7 blobs, 2 skipped  4.1 MiB/s}. When the width is
 * short, the bar goes first, then the rate, then the blob count; what is left is cut.
 */
final class ProgressLine {
    private static final int MAX_BAR = 30;
    private static final int MIN_BAR = 10;
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB"};

    private ProgressLine() {
    }

    /**
     * @param p     where the transfer stands
     * @param width the most characters the line may have
     * @return the line, without line ending
     */
    static String render(TransferProgress p, int width) {
        if (width <= 0) {
            return "";
        }
        String percent = String.format(Locale.ROOT, "%3d%%", (int) Math.floor(p.fraction() * 100));
        String bytes = bytes(p.doneBytes()) + " / " + bytes(p.totalBytes());
        String blobs = p.doneBlobs() + "/" + p.totalBlobs() + " blobs" + (p.skippedBlobs() > 0 ? ", " + p.skippedBlobs() + " skipped" : "");
        String rate = p.finished()
                ? String.format(Locale.ROOT, "done in %.1f s, %s/s", p.elapsed().toMillis() / 1000.0, bytes((long) p.bytesPerSecond()))
                : bytes((long) p.bytesPerSecond()) + "/s";
        String text = String.join("  ", percent, bytes, blobs, rate);
        int bar = Math.min(MAX_BAR, width - text.length() - 3); // brackets and a space
        if (bar >= MIN_BAR) {
            return bar(p.fraction(), bar) + " " + text;
        }
        for (String shorter : new String[] {text, String.join("  ", percent, bytes, blobs), String.join("  ", percent, bytes)}) {
            if (shorter.length() <= width) {
                return shorter;
            }
        }
        return percent.length() <= width ? percent : percent.substring(0, width);
    }

    private static String bar(double fraction, int width) {
        int filled = (int) Math.floor(Math.min(Math.max(fraction, 0), 1) * width);
        StringBuilder b = new StringBuilder(width + 2).append('[');
        for (int i = 0; i < width; i++) {
            b.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        return b.append(']').toString();
    }

    /** @return a byte count for people: {@code 512 B}, {@code 12.3 MiB} */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}

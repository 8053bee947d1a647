package dev.berth.server.internal.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code Date} header's value, formatted once per second rather than per
 * response: at tens of thousands of answers a second, formatting it each time
 * was a visible share of a manifest GET.
 */
final class HttpDate {
    // IMF-fixdate: two-digit day, English names (RFC_1123_DATE_TIME would write "1 Dec").
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static volatile Cached cached = new Cached(-1, "");

    private record Cached(long second, String text) {
    }

    private HttpDate() {
    }

    /** @return the current time in RFC 9110's IMF-fixdate form, e.g. {@code Tue, 01 Dec 2026 12:00:00 GMT} */
    static String now() {
        long second = System.currentTimeMillis() / 1000;
        Cached c = cached;
        if (c.second() != second) {
            c = new Cached(second, IMF_FIXDATE.format(Instant.ofEpochSecond(second)));
            cached = c;
        }
        return c.text();
    }
}

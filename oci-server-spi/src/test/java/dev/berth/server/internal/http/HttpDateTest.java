package dev.berth.server.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class HttpDateTest {
    @Test
    void theDateIsAnImfFixdateOfNow() {
        String text = HttpDate.now();
        assertTrue(text.matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4}"
                + " \\d\\d:\\d\\d:\\d\\d GMT"), text);
        Instant parsed = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertTrue(Duration.between(parsed, Instant.now()).abs().toSeconds() <= 2, text + " is not now");
        assertEquals(text.length(), 29, "IMF-fixdate has a fixed length");
    }
}

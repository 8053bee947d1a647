package dev.berth.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.InvalidArgumentException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTextTest {
    @Test
    void controlFormatAndSeparatorCharactersAreReplaced() {
        assertEquals("?[31mred?[0m", EventText.printable("\u001b[31mred\u001b[0m", 100));
        assertEquals("a??b?c", EventText.printable("a\r\nb\u0000c", 100));
        assertEquals("?2J ?admin?", EventText.printable("\u009b2J \u202eadmin\u2066", 100), "C1 CSI and bidi controls");
        assertEquals("x?y?z??", EventText.printable("x\u2028y\u200bz\u007f\ud800", 100), "separators, zero width, DEL, lone surrogate");
        assertEquals("tëam/äpp 🐳", EventText.printable("tëam/äpp 🐳", 100), "printable Unicode is kept");
        assertEquals("text", assertThrows(InvalidArgumentException.class, () -> EventText.printable(null, 5)).argument());
    }

    @Test
    void lengthsAreCappedInCodePointsWithAnEllipsis() {
        assertEquals("abcde", EventText.printable("abcde", 5));
        assertEquals("abcd…", EventText.printable("abcdef", 5));
        assertEquals("🐳🐳…", EventText.printable("🐳🐳🐳🐳", 3), "a pair is never split");
        assertEquals("…", EventText.printable("ab", 1));
        assertEquals("maxLength", assertThrows(InvalidArgumentException.class, () -> EventText.printable("a", 0)).argument());
    }

    @Test
    void aHostileEventSummarisesAsOneBoundedLine() {
        String hostile = "\u001b[2J\u001b[31mx\r\nFAKE 2026 push\u0000\u202e" + "A".repeat(100_000);
        RegistryEvent e = new RegistryEvent("1", Instant.EPOCH, EventAction.of(hostile),
                EventTarget.builder(hostile).tag(hostile).mediaType(hostile).build(),
                EventRequest.NONE, hostile, EventSource.NONE, EventFormat.DISTRIBUTION);
        String line = e.summary();
        assertEquals(1, line.lines().count());
        assertTrue(line.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT), line);
        assertTrue(line.length() < 1000, "bounded: " + line.length());
    }
}

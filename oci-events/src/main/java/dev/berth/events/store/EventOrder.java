package dev.berth.events.store;

import dev.berth.events.RegistryEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;

/**
 * The order every store returns events in, and the cursor that marks a place
 * in it: newest first by timestamp in microseconds, then by id, both descending.
 *
 * @param micros the timestamp in microseconds since the epoch (saturated at the long range)
 * @param id     the event id
 */
record EventOrder(long micros, String id) implements Comparable<EventOrder> {
    private static final Comparator<EventOrder> NEWEST_FIRST =
            Comparator.comparingLong(EventOrder::micros).thenComparing(EventOrder::id).reversed();

    static EventOrder of(RegistryEvent e) {
        return new EventOrder(microsOf(e.timestamp()), e.id());
    }

    static long microsOf(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
        } catch (ArithmeticException overflow) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Orders newest first. */
    @Override
    public int compareTo(EventOrder o) {
        return NEWEST_FIRST.compare(this, o);
    }

    String toCursor() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "/" + id).getBytes(StandardCharsets.UTF_8));
    }

    static EventOrder fromCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int slash = text.indexOf('/');
            return new EventOrder(Long.parseLong(text.substring(0, slash)), text.substring(slash + 1));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new EventStoreException("invalid cursor \"" + cursor + "\": not one this store issued");
        }
    }
}

package dev.berth.storage.jdbc.internal;

import java.time.Instant;

/** Instants as microseconds since the epoch, the precision every database keeps in a BIGINT. */
public final class Micros {
    private Micros() {
    }

    /**
     * @param instant a time
     * @return it in microseconds since the epoch, rounded down
     */
    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /**
     * @param micros microseconds since the epoch
     * @return the instant
     */
    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}

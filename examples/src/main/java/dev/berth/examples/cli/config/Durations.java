package dev.berth.examples.cli.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Durations written as distribution's configuration writes them, in Go's
 * {@code time.ParseDuration} form: one or more numbers, each with a unit
 * ({@code 1h}, {@code 720h}, {@code 1h30m}, {@code 1.5s}, {@code 500ms}), or a
 * bare {@code 0}. Units: {@code ns}, {@code us} (or {@code µs}), {@code ms},
 * {@code s}, {@code m}, {@code h}. No days, as in Go, so a file means the same
 * to distribution and to Berth. Negative durations are refused: no setting
 * here takes one.
 */
public final class Durations {
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private Durations() {
    }

    /**
     * @param text such as {@code 1h30m}
     * @return the duration
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static Duration parse(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an empty duration; write one like 90s, 1h or 720h");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < text.length()) {
            int numberStart = i;
            while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            String number = text.substring(numberStart, i);
            int unitStart = i;
            while (i < text.length() && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
                i++;
            }
            String unit = text.substring(unitStart, i);
            Long perUnit = NANOS_PER_UNIT.get(unit);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.') || perUnit == null) {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration; write one like 90s, 1h30m or 720h"
                        + " (units ns, us, ms, s, m, h)");
            }
            nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(perUnit)));
        }
        BigInteger whole = nanos.toBigInteger();
        if (whole.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("\"" + text + "\" is longer than any duration Berth can hold");
        }
        return Duration.ofNanos(whole.longValueExact());
    }

    /**
     * @param duration a duration
     * @return it written so that {@link #parse} reads it back: hours and minutes, then the largest smaller
     *         unit that holds the rest exactly ({@code 720h}, {@code 1h30m}, {@code 1m1500ms})
     */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0";
        }
        String[] units = {"h", "m", "s", "ms", "us", "ns"};
        StringBuilder out = new StringBuilder();
        long rest = nanos;
        for (String unit : units) {
            long per = NANOS_PER_UNIT.get(unit);
            if (rest >= per && (rest % per == 0 || unit.equals("h") || unit.equals("m"))) {
                out.append(rest / per).append(unit);
                rest %= per;
            }
        }
        return out.toString();
    }
}

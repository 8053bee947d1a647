package dev.berth.examples.cli.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes in bytes as Berth's own keys write them: a number with an optional
 * unit, {@code 10GiB}, {@code 512MiB}, {@code 1.5TiB}, {@code 2GB} or a bare
 * {@code 1048576}. The {@code KiB}, {@code MiB}, {@code GiB}, {@code TiB} and
 * {@code PiB} units are powers of 1024, {@code kB}/{@code KB}, {@code MB},
 * {@code GB}, {@code TB} and {@code PB} powers of 1000 (as in SI), {@code B}
 * is one byte. Units are matched ignoring case; a fraction must come out as
 * whole bytes.
 */
public final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)");
    private static final Map<String, BigDecimal> UNITS = Map.ofEntries(
            Map.entry("", BigDecimal.ONE), Map.entry("b", BigDecimal.ONE),
            Map.entry("kib", BigDecimal.valueOf(1L << 10)), Map.entry("mib", BigDecimal.valueOf(1L << 20)),
            Map.entry("gib", BigDecimal.valueOf(1L << 30)), Map.entry("tib", BigDecimal.valueOf(1L << 40)),
            Map.entry("pib", BigDecimal.valueOf(1L << 50)),
            Map.entry("kb", BigDecimal.valueOf(1_000L)), Map.entry("mb", BigDecimal.valueOf(1_000_000L)),
            Map.entry("gb", BigDecimal.valueOf(1_000_000_000L)), Map.entry("tb", BigDecimal.valueOf(1_000_000_000_000L)),
            Map.entry("pb", BigDecimal.valueOf(1_000_000_000_000_000L)));

    private ByteSizes() {
    }

    /**
     * @param text such as {@code 10GiB}
     * @return the number of bytes
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip());
        BigDecimal perUnit = m.matches() ? UNITS.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
        if (perUnit == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not a size; write one like 10GiB, 500MiB or 2GB");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(perUnit);
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(bytes.stripTrailingZeros().scale() > 0
                    ? "\"" + text + "\" is not a whole number of bytes"
                    : "\"" + text + "\" is larger than any size Berth can hold");
        }
    }
}

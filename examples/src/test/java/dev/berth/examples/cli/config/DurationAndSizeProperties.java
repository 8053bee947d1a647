package dev.berth.examples.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The duration and size parsers of the config file against a reference sum, and their refusals. */
class DurationAndSizeProperties {
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    /** One number with its unit, as Go writes a part of a duration. */
    record Part(long number, String unit) {
        String text() {
            return number + unit;
        }
    }

    @Provide
    Arbitrary<Part> parts() {
        return Combinators.combine(Arbitraries.longs().between(0, 100_000), Arbitraries.of(NANOS.keySet())).as(Part::new);
    }

    @Property
    void aDurationIsTheSumOfItsParts(@ForAll @Size(min = 1, max = 5) List<@net.jqwik.api.From("parts") Part> parts) {
        StringBuilder text = new StringBuilder();
        BigInteger nanos = BigInteger.ZERO;
        for (Part p : parts) {
            text.append(p.text());
            nanos = nanos.add(BigInteger.valueOf(p.number()).multiply(BigInteger.valueOf(NANOS.get(p.unit()))));
        }
        assertEquals(Duration.ofNanos(nanos.longValueExact()), Durations.parse(text.toString()), text.toString());
    }

    @Property
    void fractionsCountAsGoCountsThem(@ForAll @IntRange(min = 0, max = 10_000) int whole, @ForAll @IntRange(min = 0, max = 999) int thousandths) {
        String text = whole + "." + String.format("%03d", thousandths) + "s";
        assertEquals(Duration.ofMillis(whole * 1000L + thousandths), Durations.parse(text));
    }

    @Property
    void formatIsReadBack(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long nanos) {
        Duration d = Duration.ofNanos(nanos);
        assertEquals(d, Durations.parse(Durations.format(d)), Durations.format(d));
    }

    @Property
    void anythingElseIsRefusedWithTheText(@ForAll("notDurations") String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals(true, e.getMessage().contains("\"" + text + "\"") || text.isEmpty(), e.getMessage());
    }

    @Provide
    Arbitrary<String> notDurations() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, 1_000_000).map(n -> n + "d"), // Go has no days, nor does the file
                Arbitraries.longs().between(1, 1_000_000).map(String::valueOf), // a number needs a unit (but 0)
                Arbitraries.of("", "h", "1.2.3s", "-1h", "1 h", "1H", "s1", ".s", "1h-5m", "9999999999999999h"));
    }

    @Property
    void aSizeIsTheNumberTimesItsUnit(@ForAll @LongRange(min = 0, max = 8191) long number,
                                      @ForAll("units") Map.Entry<String, Long> unit) {
        assertEquals(number * unit.getValue(), ByteSizes.parse(number + unit.getKey()));
        assertEquals(number * unit.getValue(), ByteSizes.parse(number + unit.getKey().toLowerCase()), "case is ignored");
    }

    @Provide
    Arbitrary<Map.Entry<String, Long>> units() {
        return Arbitraries.of(Map.of("", 1L, "B", 1L, "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30, "TiB", 1L << 40,
                "KB", 1_000L, "MB", 1_000_000L, "GB", 1_000_000_000L, "TB", 1_000_000_000_000L).entrySet());
    }

    @Property
    void anyByteCountReadsAsItself(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long bytes) {
        assertEquals(bytes, ByteSizes.parse(String.valueOf(bytes)));
        assertEquals(bytes, ByteSizes.parse(bytes + "B"));
    }

    @Property
    void halfAGibibyteIsWholeBytesAndHalfAByteIsNot(@ForAll @IntRange(min = 0, max = 1000) int n) {
        assertEquals(n * (1L << 30) + (1L << 29), ByteSizes.parse(n + ".5GiB"));
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse(n + ".5B"));
    }

    @Property
    void sizesBeyondALongOrWithoutANumberAreRefused(@ForAll("notSizes") String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse(text));
        assertEquals(true, e.getMessage().contains("\"" + text + "\""), e.getMessage());
    }

    @Provide
    Arbitrary<String> notSizes() {
        return Arbitraries.oneOf(Arbitraries.longs().between(8192, Long.MAX_VALUE).map(n -> n + "PiB"),
                Arbitraries.of("", "GiB", "-1GiB", "10 parsecs", "1e9", "0x10", "1,5GB", "10GiBs"));
    }
}

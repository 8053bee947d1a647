package dev.berth.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.client.RateLimit;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The response headers the client reads: Link, Retry-After and RateLimit-*, over generated values and junk. */
class HeaderParserProperties {
    private static final URI BASE = URI.create("http://127.0.0.1:5000/v2/app/tags/list?n=10");

    private static HttpHeaders headers(Map<String, List<String>> values) {
        return HttpHeaders.of(values, (k, v) -> true);
    }

    @Provide
    Arbitrary<String> tags() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars("._-").ofMinLength(1).ofMaxLength(40);
    }

    @Property
    void theNextLinkIsFoundWhateverItsParametersAndNeighbours(@ForAll("tags") String last, @ForAll boolean quoted,
                                                             @ForAll boolean extraLinkFirst, @ForAll boolean typeParameter) {
        String target = "/v2/app/tags/list?n=10&last=" + URLEncoder.encode(last, StandardCharsets.UTF_8);
        String rel = quoted ? "rel=\"next\"" : "rel=next";
        String link = "<" + target + ">; " + (typeParameter ? "type=\"application/json\"; " : "") + rel;
        String value = extraLinkFirst ? "</v2/app/tags/list?n=10>; rel=\"first\", " + link : link;
        assertEquals(Optional.of(BASE.resolve(target)), LinkHeader.next(List.of(value), BASE));
    }

    @Property
    void aCommaInsideTheTargetDoesNotSplitTheLink(@ForAll("tags") String a, @ForAll("tags") String b) {
        String target = "/v2/_catalog?last=" + a + "%2C" + b + "&x=" + a + "," + b;
        assertEquals(Optional.of(BASE.resolve(target)), LinkHeader.next(List.of("<" + target + ">; rel=\"next\""), BASE));
    }

    @Property
    void junkLinkHeadersGiveNoNextPage(@ForAll("junk") String junk) {
        assertEquals(Optional.empty(), LinkHeader.next(List.of(junk), BASE));
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.strings().withChars("<>;,= \"relnxt/").ofMaxLength(30)
                .filter(s -> !s.matches(".*<[^>]*>.*rel\\s*=\\s*\"?next.*"));
    }

    @Property
    void retryAfterSecondsAreReadAsSeconds(@ForAll @LongRange(min = 0, max = 100_000) long seconds) {
        assertEquals(Optional.of(Duration.ofSeconds(seconds)),
                RetryAfter.of(headers(Map.of("Retry-After", List.of(Long.toString(seconds)))), Clock.systemUTC()));
    }

    @Property
    void retryAfterDatesAreReadAgainstTheClock(@ForAll @IntRange(min = -3600, max = 86_400) int offsetSeconds) {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(now.plusSeconds(offsetSeconds), ZoneOffset.UTC));
        Duration expected = Duration.ofSeconds(Math.max(0, offsetSeconds));
        assertEquals(Optional.of(expected), RetryAfter.of(headers(Map.of("Retry-After", List.of(date))), Clock.fixed(now, ZoneOffset.UTC)));
    }

    @Property
    void unreadableRetryAfterIsIgnored(@ForAll("notADelay") String value) {
        assertEquals(Optional.empty(), RetryAfter.of(headers(Map.of("Retry-After", List.of(value))), Clock.systemUTC()));
    }

    @Provide
    Arbitrary<String> notADelay() {
        return Arbitraries.strings().withChars("abcXYZ -:,.").ofMinLength(1).ofMaxLength(20);
    }

    @Property
    void rateLimitsAreReadWithOrWithoutWindows(@ForAll @LongRange(min = 0, max = 1_000_000) long limit,
                                               @ForAll @LongRange(min = 0, max = 1_000_000) long remaining,
                                               @ForAll @IntRange(min = 1, max = 100_000) int window, @ForAll boolean withWindow) {
        String w = withWindow ? ";w=" + window : "";
        RateLimit parsed = RateLimit.from(headers(Map.of("RateLimit-Limit", List.of(limit + w),
                "RateLimit-Remaining", List.of(remaining + w)))).orElseThrow();
        assertEquals(limit, parsed.limit());
        assertEquals(OptionalLong.of(remaining), parsed.remaining());
        assertEquals(withWindow ? Optional.of(Duration.ofSeconds(window)) : Optional.empty(), parsed.window());
    }

    @Example
    void anUnreadableRateLimitIsNoRateLimit() {
        assertTrue(RateLimit.from(headers(Map.of("RateLimit-Limit", List.of("lots")))).isEmpty());
        assertTrue(RateLimit.from(headers(Map.of())).isEmpty());
    }
}

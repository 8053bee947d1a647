package dev.berth.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ChallengeParserProperties {

    @Property(tries = 3000)
    void arbitraryInputOnlyEverFailsWithTheTypedError(@ForAll("headerish") String header) {
        try {
            ChallengeParser.parse(header);
        } catch (ChallengeParseException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 1000)
    void anyStringOnlyEverFailsWithTheTypedError(@ForAll String header) {
        try {
            ChallengeParser.parse(header);
        } catch (ChallengeParseException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 1000)
    void generatedChallengesRoundTrip(@ForAll("challengeLists") List<Challenge> challenges) {
        String header = challenges.stream().map(Challenge::toString).collect(Collectors.joining(", "));
        assertEquals(challenges, ChallengeParser.parse(header));
    }

    @Provide
    Arbitrary<String> headerish() {
        return Arbitraries.of("Bearer", "Basic", " ", ",", "=", "\"", "\\", "realm", "service", "scope", "\"x,y\"", "abc==",
                "\t", "error=\"insufficient_scope\"", "repository:a:pull").list().ofMaxSize(20).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<List<Challenge>> challengeLists() {
        Arbitrary<String> token = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-_.!#$%&'*+^`|~")
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> scheme = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> value = Arbitraries.strings().ofMaxLength(30).filter(v -> v.chars().noneMatch(ch -> ch == 0));
        Arbitrary<Map<String, String>> params = Arbitraries.maps(token, value).ofMinSize(1).ofMaxSize(5)
                .map(m -> {
                    Map<String, String> lower = new LinkedHashMap<>();
                    m.forEach((k, v) -> lower.putIfAbsent(k.toLowerCase(), v));
                    return lower;
                });
        Arbitrary<Challenge> withParams = Combinators.combine(scheme, params).as(Challenge::of);
        Arbitrary<Challenge> withToken68 = Combinators.combine(scheme,
                Arbitraries.strings().withChars("abcXYZ019-._~+/").ofMinLength(1).ofMaxLength(20),
                Arbitraries.strings().withChars("=").ofMaxLength(2))
                .as((s, t, pad) -> new Challenge(s, Map.of(), t + pad));
        return Arbitraries.oneOf(withParams, withToken68).list().ofMinSize(1).ofMaxSize(4);
    }
}

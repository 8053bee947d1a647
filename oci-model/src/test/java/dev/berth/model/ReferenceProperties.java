package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ReferenceProperties {
    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** A generated reference with the parts it was built from. */
    record Parts(String registry, String repository, String tag, Digest digest) {
        String text() {
            return registry + "/" + repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
        }
    }

    @Property(tries = 500)
    void parseThenFormatIsIdentity(@ForAll("references") Parts parts) {
        Assume.that(parts.registry().length() + 1 + parts.repository().length() <= Reference.MAX_NAME_LENGTH);
        Reference r = Reference.parse(parts.text());
        assertEquals(parts.registry(), r.registry());
        assertEquals(parts.repository(), r.repository());
        assertEquals(parts.tag(), r.tag().orElse(null));
        assertEquals(parts.digest(), r.digest().orElse(null));
        assertEquals(parts.text(), r.toString());
        assertEquals(r, Reference.parse(r.toString()));
        assertEquals(r, Reference.of(r.registry(), r.repository(), r.tag().orElse(null), r.digest().orElse(null)));
    }

    @Property(tries = 300)
    void dockerHubShortNamesNormaliseAndStayStable(@ForAll("pathComponents") String name, @ForAll("tags") String tag) {
        Reference r = Reference.parse(name + ":" + tag);
        assertEquals("docker.io/library/" + name + ":" + tag, r.toString());
        assertEquals(r, Reference.parse(r.toString()));
        assertEquals(r, Reference.parse(r.familiarForm()));
    }

    @Property(tries = 500)
    void anyForbiddenCharacterAnywhereIsRejected(@ForAll("references") Parts parts,
                                                  @ForAll("forbidden") char bad,
                                                  @ForAll double where) {
        String text = parts.text();
        int at = (int) (Math.abs(where) % 1.0 * (text.length() + 1));
        String broken = text.substring(0, at) + bad + text.substring(at);
        assertThrows(InvalidReferenceException.class, () -> Reference.parse(broken));
    }

    @Property(tries = 300)
    void upperCaseInTheRepositoryIsRejected(@ForAll("references") Parts parts) {
        Assume.that(parts.repository().chars().anyMatch(Character::isLetter));
        String text = parts.registry() + "/" + parts.repository().toUpperCase();
        assertThrows(InvalidReferenceException.class, () -> Reference.parse(text));
    }

    @Property(tries = 200)
    void overlongTagsAreRejected(@ForAll("references") Parts parts, @ForAll("longTags") String tag) {
        String text = parts.registry() + "/" + parts.repository() + ":" + tag;
        assertThrows(InvalidReferenceException.class, () -> Reference.parse(text));
    }

    @Property(tries = 200)
    void emptyPathComponentsAreRejected(@ForAll("references") Parts parts) {
        String text = parts.registry() + "/" + parts.repository() + "//x";
        assertThrows(InvalidReferenceException.class, () -> Reference.parse(text));
    }

    @Property(tries = 300)
    void arbitraryTextEitherParsesStablyOrFailsTyped(@ForAll String text) {
        try {
            Reference r = Reference.parse(text);
            assertEquals(r, Reference.parse(r.toString()));
        } catch (InvalidReferenceException expected) {
            // the only failure allowed
        }
    }

    @Provide
    Arbitrary<Parts> references() {
        Arbitrary<String> tagOrNull = Arbitraries.oneOf(tags(), Arbitraries.just(null));
        Arbitrary<Digest> digestOrNull = Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(hex -> Digest.of("sha256", hex)),
                Arbitraries.just(null));
        return Combinators.combine(registries(), repositories(), tagOrNull, digestOrNull).as(Parts::new);
    }

    Arbitrary<String> registries() {
        Arbitrary<String> label = Arbitraries.strings().withChars(LOWER_ALNUM + "ABC").ofMinLength(1).ofMaxLength(10)
                .map(s -> s.length() > 2 ? s.charAt(0) + "-" + s.substring(1) : s);
        Arbitrary<String> dotted = label.list().ofMinSize(2).ofMaxSize(3).map(l -> String.join(".", l));
        Arbitrary<String> port = Arbitraries.integers().between(1, 65535).map(p -> ":" + p);
        Arbitrary<String> withPort = Combinators.combine(label, port).as((l, p) -> l + p);
        return Arbitraries.oneOf(dotted, withPort, Arbitraries.of("localhost", "localhost:5000", "[::1]:5000",
                "[fe80::1]", "127.0.0.1:32768", "registry-1.docker.io", "ghcr.io"));
    }

    @Provide
    Arbitrary<String> pathComponents() {
        Arbitrary<String> alnum = Arbitraries.strings().withChars(LOWER_ALNUM).ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> separator = Arbitraries.of(".", "_", "__", "-", "--", "---");
        return Combinators.combine(alnum, separator, alnum, Arbitraries.of(true, false))
                .as((a, s, b, two) -> two ? a + s + b : a)
                .filter(s -> !s.matches("[a-f0-9]{64}"));
    }

    Arbitrary<String> repositories() {
        return pathComponents().list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l));
    }

    @Provide
    Arbitrary<String> tags() {
        Arbitrary<Character> first = Arbitraries.chars().with("ABCXYZabcxyz019_".toCharArray());
        Arbitrary<String> rest = Arbitraries.strings().withChars("ABCXYZabcxyz019_.-").ofMaxLength(127);
        return Combinators.combine(first, rest).as((f, r) -> f + r);
    }

    @Provide
    Arbitrary<String> longTags() {
        return Arbitraries.strings().withChars("abc019_").ofMinLength(129).ofMaxLength(200);
    }

    @Provide
    Arbitrary<Character> forbidden() {
        return Arbitraries.of(List.of(' ', '!', '$', '?', '#', '%', '\\', '*', '(', ')', '"', '\'', ',', ';', '<', '>',
                '`', '|', '~', '^', '&', '\t', '\n', '{', '}', 'é'));
    }
}

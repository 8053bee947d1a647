package dev.berth.client.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the semantic-version order and of tag filters, over generated tags. */
class TagOrderingProperties {

    record Triple(int major, int minor, int patch) {
        String tag() {
            return major + "." + minor + "." + patch;
        }
    }

    @Provide
    Arbitrary<List<Triple>> versions() {
        Arbitrary<Integer> part = Arbitraries.integers().between(0, 30);
        return Combinators.combine(part, part, part).as(Triple::new).list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<String>> words() {
        return word().list().ofMaxSize(10);
    }

    private Arbitrary<String> word() {
        // Tags that cannot be versions: they start with a letter other than v.
        return Arbitraries.strings().withCharRange('a', 'u').ofMinLength(1).ofMaxLength(1)
                .flatMap(first -> Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._-")
                        .ofMaxLength(12).map(rest -> first + rest));
    }

    @Provide
    Arbitrary<String> tags() {
        return Arbitraries.strings().withChars("abcvV0123456789.-_").ofMinLength(1).ofMaxLength(12);
    }

    @Property
    void versionsSortAsTheirNumbers(@ForAll("versions") List<Triple> versions) {
        List<String> tags = versions.stream().map(Triple::tag).distinct().collect(Collectors.toCollection(ArrayList::new));
        List<String> expected = versions.stream().distinct()
                .sorted(Comparator.comparingInt(Triple::major).thenComparingInt(Triple::minor).thenComparingInt(Triple::patch))
                .map(Triple::tag).toList();
        tags.sort(TagOrder.bySemver(false));
        assertEquals(expected, tags);
    }

    @Property
    void tagsThatAreNotVersionsComeLastInEitherDirection(@ForAll("versions") List<Triple> versions,
                                                         @ForAll("words") List<String> words) {
        for (boolean descending : new boolean[] {false, true}) {
            List<String> all = new ArrayList<>(words);
            versions.forEach(v -> all.add(v.tag()));
            all.sort(TagOrder.bySemver(descending));
            int firstWord = all.size();
            for (int i = 0; i < all.size(); i++) {
                if (SemanticVersion.parse(all.get(i)).isEmpty()) {
                    firstWord = Math.min(firstWord, i);
                } else {
                    assertTrue(i < firstWord, "version " + all.get(i) + " after a non-version in " + all);
                }
            }
            List<String> tail = all.subList(firstWord, all.size());
            assertEquals(tail.stream().sorted().toList(), tail, "non-versions by name");
        }
    }

    @Property
    void theSemverOrderIsAntisymmetric(@ForAll("tags") String a, @ForAll("tags") String b) {
        Comparator<String> order = TagOrder.bySemver(false);
        assertEquals(Integer.signum(order.compare(a, b)), -Integer.signum(order.compare(b, a)));
    }

    @Property
    void globsMatchWhatTheyDescribe(@ForAll("tags") String tag, @ForAll int position) {
        int at = Math.floorMod(position, tag.length());
        assertTrue(TagFilter.of("*").test(tag));
        assertTrue(TagFilter.of(tag.substring(0, at) + "?" + tag.substring(at + 1)).test(tag));
        assertTrue(TagFilter.of(tag.substring(0, at) + "*").test(tag));
        assertTrue(TagFilter.of(tag.substring(at).toUpperCase()).test(tag), "substrings ignore case");
        assertTrue(!TagFilter.of(tag + "?").test(tag), "? needs a character");
    }
}

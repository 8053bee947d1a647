package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written matchers of repository components and tags agree with the distribution specification's expressions. */
class NameGrammarProperties {
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    @Property(tries = 3000)
    void pathComponentsMatchTheSpecification(@ForAll("nearlyNames") String s) {
        assertEquals(PATH_COMPONENT.matcher(s).matches(), Reference.isPathComponent(s, 0, s.length()), s);
        String padded = "x/" + s + "/y";
        assertEquals(PATH_COMPONENT.matcher(s).matches(), Reference.isPathComponent(padded, 2, 2 + s.length()), padded);
    }

    @Property(tries = 3000)
    void tagsMatchTheSpecification(@ForAll("nearlyNames") String s) {
        assertEquals(TAG.matcher(s).matches(), Reference.isTagGrammar(s), s);
    }

    @Property(tries = 1000)
    void repositoriesAreValidExactlyWhenEveryComponentIs(@ForAll("nearlyNames") String a, @ForAll("nearlyNames") String b) {
        String name = a + "/" + b;
        boolean expected = java.util.Arrays.stream(name.split("/", -1)).allMatch(c -> PATH_COMPONENT.matcher(c).matches())
                && name.length() <= Reference.MAX_NAME_LENGTH;
        boolean valid;
        try {
            Reference.requireValidRepository(name);
            valid = true;
        } catch (InvalidReferenceException e) {
            valid = false;
        }
        assertEquals(expected, valid, name);
    }

    // Short strings over the characters that matter at the grammar's edges, so that near misses are common.
    @Provide
    Arbitrary<String> nearlyNames() {
        return Arbitraries.strings().withChars("ab09._-_A/:@ ").ofMinLength(0).ofMaxLength(8);
    }
}

package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PlatformProperties {

    @Property(tries = 1000)
    void normalisationIsIdempotent(@ForAll("platforms") Platform p) {
        Platform once = p.normalize();
        assertEquals(once, once.normalize());
    }

    @Property(tries = 1000)
    void matchingIsReflexive(@ForAll("platforms") Platform p) {
        assertTrue(p.matches(p));
        assertTrue(p.normalize().matches(p));
        assertTrue(p.matches(p.normalize()));
    }

    @Property(tries = 500)
    void anExactMatchIsAlwaysTheBestRank(@ForAll("platforms") Platform p) {
        assertEquals(Integer.MAX_VALUE, p.compatibilityRank(p).getAsInt());
    }

    @Property(tries = 500)
    void parseOfToStringIsIdentity(@ForAll("platforms") Platform p) {
        assertEquals(p, Platform.parse(p.toString()));
    }

    @Provide
    Arbitrary<Platform> platforms() {
        Arbitrary<String> os = Arbitraries.oneOf(Arbitraries.of("linux", "windows", "darwin", "macos", "Linux", "freebsd"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8));
        Arbitrary<String> arch = Arbitraries.oneOf(Arbitraries.of("amd64", "x86_64", "x86-64", "arm64", "aarch64", "arm",
                "armhf", "armel", "386", "i386", "i686", "ppc64le", "s390x", "riscv64", "AMD64"),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8));
        Arbitrary<String> variant = Arbitraries.oneOf(Arbitraries.of("", "v5", "v6", "v7", "v8", "8", "7", "v1", "v2", "v3",
                "v8.0", "8.2", "v9.0", "9.0", "V8"), Arbitraries.strings().alpha().numeric().ofMaxLength(5));
        return Combinators.combine(os, arch, variant).as(Platform::of);
    }
}

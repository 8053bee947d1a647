package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReferenceTest {
    static final String HEX = "6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "alpine, docker.io/library/alpine",
            "alpine:3.20, docker.io/library/alpine:3.20",
            "library/alpine, docker.io/library/alpine",
            "docker.io/alpine, docker.io/library/alpine",
            "index.docker.io/alpine:edge, docker.io/library/alpine:edge",
            "index.docker.io/bitnami/redis, docker.io/bitnami/redis",
            "bitnami/redis:7, docker.io/bitnami/redis:7",
            "localhost/app, localhost/app",
            "localhost:5000/team/app:v1, localhost:5000/team/app:v1",
            "ghcr.io/org/app, ghcr.io/org/app",
            "Registry/app, Registry/app",
            "127.0.0.1:5000/a/b/c, 127.0.0.1:5000/a/b/c",
            "[::1]:5000/app:latest, [::1]:5000/app:latest",
            "[2001:db8::1]/app, [2001:db8::1]/app",
            "my-registry.example.com:443/a.b/c_d/e__f/g-h---i, my-registry.example.com:443/a.b/c_d/e__f/g-h---i",
    })
    void normalisesLikeDocker(String input, String canonical) {
        assertEquals(canonical, Reference.parse(input).toString());
    }

    @Test
    void splitsEveryPart() {
        Reference r = Reference.parse("[::1]:5000/team/app:1.2@sha256:" + HEX);
        assertEquals("[::1]:5000", r.registry());
        assertEquals("team/app", r.repository());
        assertEquals(Optional.of("1.2"), r.tag());
        assertEquals(Optional.of(Digest.parse("sha256:" + HEX)), r.digest());
        assertEquals("sha256:" + HEX, r.identifier());
    }

    @Test
    void identifierDefaultsToLatest() {
        assertEquals("latest", Reference.parse("alpine").identifier());
        assertEquals("3", Reference.parse("alpine:3").identifier());
    }

    @Test
    void familiarFormDropsDockerHubPrefixes() {
        assertEquals("alpine:3.20", Reference.parse("docker.io/library/alpine:3.20").familiarForm());
        assertEquals("bitnami/redis", Reference.parse("bitnami/redis").familiarForm());
        assertEquals("ghcr.io/a/b:1", Reference.parse("ghcr.io/a/b:1").familiarForm());
    }

    @Test
    void withersKeepTheOtherParts() {
        Reference r = Reference.parse("localhost:5000/app:1");
        assertEquals("localhost:5000/app:2", r.withTag("2").toString());
        assertEquals("localhost:5000/other:1", r.withRepository("other").toString());
        assertEquals("localhost:5000/app", r.withoutTagOrDigest().toString());
        Digest d = Digest.parse("sha256:" + HEX);
        assertEquals("localhost:5000/app:1@sha256:" + HEX, r.withDigest(d).toString());
        assertThrows(InvalidReferenceException.class, () -> r.withTag("bad tag"));
    }

    @ParameterizedTest(name = "{0} fails on {1}")
    @CsvSource(delimiter = '|', value = {
            "''|empty",
            "app/UPPER|must be lowercase",
            "UPPER/app/X|must be lowercase",
            "docker.io/Library/alpine|must be lowercase",
            "alpine:|tag is empty",
            "alpine:-x|must start with",
            "alpine:a/b|port must be digits",
            "alpine@sha256:abc|digest part",
            "alpine@|digest part",
            "a//b|empty path component",
            "localhost:5000/|repository name is empty",
            "-foo|must be lowercase letters",
            "foo-|must be lowercase letters",
            "foo..bar|must be lowercase letters",
            "foo___bar|must be lowercase letters",
            "host:port/app|port must be digits",
            "-host.com/app|registry host",
            "[::1/app|lacks ']'",
            "[zz::1]:5000/app|malformed IPv6",
            "a b|must be lowercase letters",
            "6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b|image ID",
    })
    void rejectsWithAMessageNamingThePart(String input, String expected) {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> Reference.parse(input));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(input, e.input());
    }

    @Test
    void tagLengthIsLimitedTo128() {
        assertEquals("a".repeat(128), Reference.parse("app:" + "a".repeat(128)).tag().orElseThrow());
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class,
                () -> Reference.parse("app:" + "a".repeat(129)));
        assertTrue(e.getMessage().contains("128"));
    }

    @Test
    void nameLengthIsLimitedTo255() {
        String repo = "a".repeat(255 - "localhost/".length());
        assertEquals(255, Reference.parse("localhost/" + repo).name().length());
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class,
                () -> Reference.parse("localhost/" + repo + "a"));
        assertTrue(e.getMessage().contains("255"), e.getMessage());
    }

    @Test
    void repositoryAndTagValidatorsForServers() {
        assertEquals("a/b-c", Reference.requireValidRepository("a/b-c"));
        assertThrows(InvalidReferenceException.class, () -> Reference.requireValidRepository("../etc"));
        assertThrows(InvalidReferenceException.class, () -> Reference.requireValidRepository("a/./b"));
        assertThrows(InvalidReferenceException.class, () -> Reference.requireValidRepository(""));
        assertTrue(Reference.isValidTag("v1.0_rc-1"));
        assertFalse(Reference.isValidTag(".hidden"));
        assertThrows(InvalidReferenceException.class, () -> Reference.requireValidTag("a".repeat(129)));
    }

    @Test
    void equalityIsByCanonicalParts() {
        assertEquals(Reference.parse("alpine"), Reference.parse("docker.io/library/alpine"));
        assertEquals(Reference.parse("alpine").hashCode(), Reference.parse("index.docker.io/library/alpine").hashCode());
    }

    @Test
    void loopbackRegistriesAreRecognisedWithoutResolvingNames() {
        for (String r : java.util.List.of("localhost", "localhost:5000", "LOCALHOST:1", "127.0.0.1", "127.1.2.3:80", "[::1]", "[::1]:5000")) {
            assertTrue(Reference.isLoopbackRegistry(r), r);
        }
        for (String r : java.util.List.of("docker.io", "10.0.0.1:5000", "[fe80::1]:5000", "localhost.example.com", "127.0.0.1.nip.io")) {
            assertFalse(Reference.isLoopbackRegistry(r), r);
        }
    }
}

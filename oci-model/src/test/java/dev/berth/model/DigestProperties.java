package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class DigestProperties {

    @Property
    void formatThenParseIsIdentity(@ForAll byte[] content, @ForAll boolean sha512) {
        Digest d = sha512 ? Digest.sha512(content) : Digest.sha256(content);
        assertEquals(d, Digest.parse(d.toString()));
        assertTrue(d.matches(content));
    }

    @Property
    void anyModifiedByteFailsVerification(@ForAll @Size(min = 1, max = 2000) byte[] content,
                                          @ForAll @IntRange(min = 0, max = 1999) int position,
                                          @ForAll @IntRange(min = 1, max = 255) int delta) {
        Digest d = Digest.sha256(content);
        byte[] modified = content.clone();
        int i = position % content.length;
        modified[i] = (byte) (modified[i] + delta);
        assertFalse(d.matches(modified));
        assertThrows(DigestMismatchException.class, () -> d.verify(modified));
    }

    @Property
    void verifyingStreamAcceptsExactlyTheRightBytesWhateverTheReadSizes(
            @ForAll @Size(max = 5000) byte[] content, @ForAll @IntRange(min = 1, max = 700) int chunk) throws IOException {
        try (InputStream in = new VerifyingInputStream(new ByteArrayInputStream(content), Digest.sha256(content), content.length)) {
            byte[] buffer = new byte[chunk];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
            assertEquals(content.length, total);
        }
    }

    @Property
    void parseAcceptsWellFormedUnknownAlgorithms(@ForAll("algorithms") String algorithm, @ForAll("encodings") String encoded) {
        Digest d = Digest.parse(algorithm + ":" + encoded);
        assertEquals(algorithm, d.algorithm());
        assertEquals(encoded, d.encoded());
        assertFalse(d.isVerifiable());
    }

    @Property
    void parseRejectsOrAcceptsButNeverThrowsAnythingElse(@ForAll String text) {
        try {
            Digest d = Digest.parse(text);
            assertEquals(text, d.toString());
        } catch (InvalidDigestException expected) {
            assertTrue(expected.getMessage().startsWith("invalid digest"));
        }
    }

    @Provide
    Arbitrary<String> algorithms() {
        Arbitrary<String> component = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(8);
        return component.list().ofMinSize(1).ofMaxSize(3)
                .map(parts -> String.join("+", parts))
                .filter(a -> DigestAlgorithm.registered(a).isEmpty());
    }

    @Provide
    Arbitrary<String> encodings() {
        return Arbitraries.strings().withChars("abcdefABCDEF0123456789=_-").ofMinLength(1).ofMaxLength(90);
    }
}

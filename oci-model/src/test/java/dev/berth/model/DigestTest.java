package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestTest {
    static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
    static final String HELLO_SHA256 = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @Test
    void sha256OfKnownContentMatchesTheReferenceValue() {
        assertEquals(HELLO_SHA256, Digest.sha256(HELLO).toString());
    }

    @Test
    void sha512IsComputedAndVerified() {
        Digest d = Digest.sha512(HELLO);
        assertEquals("sha512", d.algorithm());
        assertEquals(128, d.encoded().length());
        assertTrue(d.matches(HELLO));
        assertEquals(d, Digest.parse(d.toString()));
    }

    @Test
    void parseKeepsAlgorithmAndEncodedValue() {
        Digest d = Digest.parse(HELLO_SHA256);
        assertEquals("sha256", d.algorithm());
        assertEquals(HELLO_SHA256.substring(7), d.encoded());
        assertTrue(d.isVerifiable());
    }

    @Test
    void uppercaseHexIsRefusedForRegisteredAlgorithms() {
        InvalidDigestException e = assertThrows(InvalidDigestException.class,
                () -> Digest.parse(HELLO_SHA256.toUpperCase().replace("SHA256", "sha256")));
        assertTrue(e.getMessage().contains("lowercase"), e.getMessage());
    }

    @Test
    void wrongLengthNamesTheRequiredLength() {
        InvalidDigestException e = assertThrows(InvalidDigestException.class, () -> Digest.parse("sha256:abc"));
        assertTrue(e.getMessage().contains("64"), e.getMessage());
        assertThrows(InvalidDigestException.class, () -> Digest.parse("sha512:" + "a".repeat(64)));
    }

    @Test
    void malformedShapesAreRefusedWithTheReason() {
        assertTrue(assertThrows(InvalidDigestException.class, () -> Digest.parse("")).getMessage().contains("empty"));
        assertTrue(assertThrows(InvalidDigestException.class, () -> Digest.parse("sha256")).getMessage().contains("':'"));
        assertTrue(assertThrows(InvalidDigestException.class, () -> Digest.parse(":abc")).getMessage().contains("algorithm"));
        assertTrue(assertThrows(InvalidDigestException.class, () -> Digest.parse("sha256:")).getMessage().contains("encoded"));
        assertThrows(InvalidDigestException.class, () -> Digest.parse("SHA256:" + "a".repeat(64)));
        assertThrows(InvalidDigestException.class, () -> Digest.parse("sha256:" + "g".repeat(64)));
        assertThrows(InvalidDigestException.class, () -> Digest.parse("sha256+:" + "a".repeat(64)));
        assertThrows(InvalidDigestException.class, () -> Digest.parse("foo:bar/baz"));
    }

    @Test
    void unregisteredAlgorithmsParseButCannotBeVerified() {
        Digest d = Digest.parse("multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8");
        assertFalse(d.isVerifiable());
        UnsupportedDigestAlgorithmException e =
                assertThrows(UnsupportedDigestAlgorithmException.class, () -> d.verify(HELLO));
        assertEquals("multihash+base58", e.algorithm());
    }

    @Test
    void blake3IsValidatedButNotComputable() {
        Digest d = Digest.parse("blake3:" + "a".repeat(64));
        assertFalse(d.isVerifiable());
        assertThrows(InvalidDigestException.class, () -> Digest.parse("blake3:" + "a".repeat(63)));
        assertThrows(UnsupportedDigestAlgorithmException.class, () -> d.matches(HELLO));
    }

    @Test
    void verifyReportsExpectedAndActual() {
        Digest other = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
        DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> other.verify(HELLO));
        assertEquals(other, e.expected());
        assertEquals(HELLO_SHA256, e.actual().toString());
    }

    @Test
    void streamDigestEqualsArrayDigest() throws IOException {
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        assertEquals(Digest.sha256(big), Digest.compute(DigestAlgorithm.SHA256, new ByteArrayInputStream(big)));
    }

    @Test
    void verifyingStreamPassesCorrectContentThrough() throws IOException {
        try (VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(HELLO), Digest.sha256(HELLO), 5)) {
            assertEquals("hello", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(Digest.sha256(HELLO), in.digest());
            assertEquals(5, in.size());
        }
    }

    @Test
    void verifyingStreamFailsAtEndOnWrongContent() {
        Digest expected = Digest.sha256("hellp".getBytes(StandardCharsets.UTF_8));
        InputStream in = new VerifyingInputStream(new ByteArrayInputStream(HELLO), expected, 5);
        assertThrows(DigestMismatchException.class, in::readAllBytes);
    }

    @Test
    void verifyingStreamFailsOnShortContent() {
        InputStream in = new VerifyingInputStream(new ByteArrayInputStream(HELLO), Digest.sha256(HELLO), 6);
        SizeMismatchException e = assertThrows(SizeMismatchException.class, in::readAllBytes);
        assertEquals(6, e.expected());
        assertEquals(5, e.actual());
    }

    @Test
    void verifyingStreamFailsAtTheFirstSurplusByte() throws IOException {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        InputStream in = new VerifyingInputStream(endless, Digest.sha256(HELLO), 5);
        byte[] buffer = new byte[3];
        assertEquals(3, in.read(buffer));
        assertEquals(2, in.read(buffer, 0, 2));
        assertThrows(SizeMismatchException.class, () -> in.read(buffer));
    }

    @Test
    void skippedBytesAreStillHashed() throws IOException {
        try (DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(HELLO), DigestAlgorithm.SHA256)) {
            assertEquals(2, in.skip(2));
            in.readAllBytes();
            assertEquals(Digest.sha256(HELLO), in.digest());
        }
    }

    @Test
    void digestIsUnavailableBeforeTheEnd() throws IOException {
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(HELLO), DigestAlgorithm.SHA256);
        in.read();
        assertThrows(IllegalStateException.class, in::digest);
    }

    @Test
    void verifyingChannelChecksDigestAtEnd() throws IOException {
        VerifyingReadableByteChannel ok = new VerifyingReadableByteChannel(
                Channels.newChannel(new ByteArrayInputStream(HELLO)), Digest.sha256(HELLO), 5);
        ByteBuffer buffer = ByteBuffer.allocate(2);
        int total = 0;
        for (int n; (n = ok.read(buffer)) >= 0; buffer.clear()) {
            total += n;
        }
        assertEquals(5, total);
        assertEquals(Digest.sha256(HELLO), ok.digest());

        VerifyingReadableByteChannel bad = new VerifyingReadableByteChannel(
                Channels.newChannel(new ByteArrayInputStream(HELLO)), Digest.sha512(new byte[0]), -1);
        ByteBuffer all = ByteBuffer.allocate(16);
        bad.read(all);
        assertThrows(DigestMismatchException.class, () -> bad.read(all));
    }

    @Test
    void verifyingStreamRefusesUnverifiableDigests() {
        assertThrows(UnsupportedDigestAlgorithmException.class, () -> new VerifyingInputStream(
                new ByteArrayInputStream(HELLO), Digest.parse("blake3:" + "0".repeat(64)), 5));
    }
}

package dev.berth.server.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.testsupport.PublicArguments;
import java.lang.reflect.Executable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A stored manifest is made from plain values; without a subject, subject and referrer read back empty. */
class ManifestRecordTest {
    private static final byte[] BYTES = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
    private static final Digest DIGEST = Digest.sha256(BYTES);
    private static final Digest SUBJECT = Digest.sha256("subject".getBytes(StandardCharsets.UTF_8));
    private static final Descriptor ENTRY = Descriptor.of(MediaType.OCI_MANIFEST, DIGEST, BYTES.length).toBuilder()
            .artifactType(MediaType.SPDX_JSON).build();

    @Test
    void noPublicConstructorOrMethodTakesAnOptional() {
        assertEquals(0, ManifestRecord.class.getConstructors().length);
        List<String> takingOptional = Stream.concat(Arrays.stream(ManifestRecord.class.getConstructors()),
                        Arrays.stream(ManifestRecord.class.getMethods()))
                .filter(m -> Arrays.asList(((Executable) m).getParameterTypes()).contains(Optional.class))
                .map(Executable::getName).toList();
        assertEquals(List.of(), takingOptional);
    }

    @Test
    void whatIsNotSetIsEmptyAndWhatIsSetReadsBack() {
        ManifestRecord plain = ManifestRecord.of(DIGEST, MediaType.OCI_MANIFEST, BYTES);
        assertEquals(Optional.empty(), plain.subject());
        assertEquals(Optional.empty(), plain.referrer());
        ManifestRecord referring = plain.withSubject(SUBJECT).withReferrer(ENTRY);
        assertEquals(Optional.of(SUBJECT), referring.subject());
        assertEquals(Optional.of(ENTRY), referring.referrer());
        assertEquals(Optional.empty(), plain.subject(), "with... leaves the original as it was");
        assertNotEquals(plain, referring);
        assertEquals(referring, ManifestRecord.of(DIGEST, MediaType.OCI_MANIFEST, BYTES).withSubject(SUBJECT)
                .withReferrer(ENTRY));
        assertEquals(plain.hashCode(), referring.hashCode());
    }

    @Test
    void theBytesAreCopiedInAndOut() {
        byte[] mine = BYTES.clone();
        ManifestRecord record = ManifestRecord.of(DIGEST, MediaType.OCI_MANIFEST, mine);
        mine[0] = 'x';
        record.bytes()[1] = 'y';
        assertArrayEquals(BYTES, record.bytes());
        assertArrayEquals(BYTES, record.withSubject(SUBJECT).bytes());
        assertEquals(BYTES.length, record.size());
    }

    @Test
    void aBadValueIsATypedErrorNamingIt() {
        List<String> failures = PublicArguments.with(Map.of(Digest.class, DIGEST, byte[].class, BYTES,
                        Descriptor.class, ENTRY))
                .strings(Map.of("mediaType", MediaType.OCI_MANIFEST))
                .blankAllowed("mediaType")
                .check(ManifestRecord.class, ManifestRecord.of(DIGEST, MediaType.OCI_MANIFEST, BYTES));
        assertEquals(List.of(), failures, String.join("\n", failures));
    }
}

package dev.berth.model.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.OciException;
import dev.berth.model.Platform;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ManifestProperties {

    @Property(tries = 300)
    void imageManifestBytesToModelToBytesKeepsTheDigest(@ForAll("imageManifests") ImageManifest built) {
        byte[] bytes = built.bytes();
        Manifest parsed = Manifest.parse(bytes, null);
        assertArrayEquals(bytes, parsed.bytes());
        assertEquals(Digest.sha256(bytes), parsed.digest());
        assertArrayEquals(bytes, ((ImageManifest) parsed).toBuilder().build().bytes());
        assertEquals(built.layers(), ((ImageManifest) parsed).layers());
        assertEquals(built.annotations(), parsed.annotations());
    }

    @Property(tries = 300)
    void indexBytesToModelToBytesKeepsTheDigest(@ForAll("indexes") ManifestIndex built) {
        byte[] bytes = built.bytes();
        ManifestIndex parsed = (ManifestIndex) Manifest.parse(bytes, built.mediaType());
        assertEquals(built.digest(), parsed.digest());
        assertArrayEquals(bytes, parsed.toBuilder().build().bytes());
        assertEquals(built.manifests(), parsed.manifests());
    }

    @Property(tries = 300)
    void aModifiedByteChangesTheDigestCheck(@ForAll("imageManifests") ImageManifest m,
                                            @ForAll @IntRange(min = 0, max = 100_000) int position,
                                            @ForAll @IntRange(min = 1, max = 255) int delta) {
        byte[] bytes = m.bytes();
        bytes[position % bytes.length] += (byte) delta;
        assertFalse(m.digest().matches(bytes));
        try {
            Manifest.parse(bytes, null, m.digest());
            throw new AssertionError("a modified manifest passed its digest check");
        } catch (dev.berth.model.DigestMismatchException expected) {
            assertEquals(m.digest(), expected.expected());
        }
    }

    @Property(tries = 1000)
    void arbitraryJsonNeverThrowsAnythingButTypedErrors(@ForAll("jsonish") String text) {
        try {
            Manifest.parse(text.getBytes(StandardCharsets.UTF_8), "application/json");
        } catch (OciException expected) {
            // typed failure is the contract
        }
    }

    @Property(tries = 300)
    void arbitraryBytesNeverThrowAnythingButTypedErrors(@ForAll byte[] bytes) {
        try {
            Manifest.parse(bytes, null);
        } catch (OciException expected) {
            // typed failure is the contract
        }
    }

    @Provide
    Arbitrary<ImageManifest> imageManifests() {
        return Combinators.combine(descriptors(MediaType.OCI_CONFIG), descriptors(MediaType.OCI_LAYER_TAR_GZIP).list().ofMaxSize(5),
                annotations(), Arbitraries.of(MediaType.OCI_MANIFEST, MediaType.DOCKER_MANIFEST))
                .as((config, layers, annotations, type) -> ImageManifest.builder().mediaType(type).config(config)
                        .layers(layers).annotations(annotations).build());
    }

    @Provide
    Arbitrary<ManifestIndex> indexes() {
        Arbitrary<Descriptor> entry = Combinators.combine(descriptors(MediaType.OCI_MANIFEST), platforms())
                .as(Descriptor::withPlatform);
        return Combinators.combine(entry.list().ofMaxSize(6), annotations(),
                        Arbitraries.of(MediaType.OCI_INDEX, MediaType.DOCKER_MANIFEST_LIST))
                .as((entries, annotations, type) -> ManifestIndex.builder().mediaType(type).manifests(entries)
                        .annotations(annotations).build());
    }

    Arbitrary<Descriptor> descriptors(String mediaType) {
        return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(32),
                        Arbitraries.longs().between(0, Long.MAX_VALUE), annotations(),
                        Arbitraries.strings().alpha().ofMaxLength(20).list().ofMaxSize(2))
                .as((seed, size, annotations, urls) -> Descriptor.builder().mediaType(mediaType)
                        .digest(Digest.sha256(seed)).size(size).annotations(annotations).urls(urls).build());
    }

    Arbitrary<Map<String, String>> annotations() {
        return Arbitraries.maps(Arbitraries.strings().ofMinLength(1).ofMaxLength(20), Arbitraries.strings().ofMaxLength(40))
                .ofMaxSize(4);
    }

    Arbitrary<Platform> platforms() {
        return Combinators.combine(Arbitraries.of("linux", "windows"), Arbitraries.of("amd64", "arm64", "arm", "s390x"),
                Arbitraries.of("", "v7", "v8")).as(Platform::of);
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> tokens = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"schemaVersion\"", "2", "1", "-1", "null",
                "true", "\"mediaType\"", "\"" + MediaType.OCI_MANIFEST + "\"", "\"" + MediaType.OCI_INDEX + "\"",
                "\"config\"", "\"layers\"", "\"manifests\"", "\"digest\"", "\"sha256:abc\"", "\"size\"", "1e400",
                "\"platform\"", "\"os\"", "\"annotations\"", "\"data\"", "\"!!\"", "9223372036854775808", "\"subject\"");
        return tokens.list().ofMaxSize(40).map(l -> String.join("", l));
    }

}

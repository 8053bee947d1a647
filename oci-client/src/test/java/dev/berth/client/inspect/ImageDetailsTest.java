package dev.berth.client.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.artifact.ArtifactKind;
import dev.berth.model.config.Annotations;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The inspector's result is made from plain values, and what a manifest lacks reads back as an empty Optional. */
class ImageDetailsTest {
    private static final Descriptor MANIFEST = Descriptor.forContent(MediaType.OCI_MANIFEST,
            "{}".getBytes(StandardCharsets.UTF_8));
    private static final Descriptor LAYER = Descriptor.forContent(MediaType.OCI_LAYER_TAR,
            "layer".getBytes(StandardCharsets.UTF_8));

    @Test
    void noPublicConstructorOrMethodTakesAnOptional() {
        List<String> found = new ArrayList<>();
        for (Class<?> type : List.of(ImageDetails.class, ImageDetails.Builder.class, ImageDetails.Layer.class,
                ImageDetails.PlatformEntry.class, ImageDetails.Referrer.class)) {
            assertEquals(0, type.getConstructors().length, type.getSimpleName() + " is made by a factory or builder");
            Stream.concat(Arrays.stream(type.getConstructors()), Arrays.stream(type.getMethods()))
                    .filter(m -> Modifier.isPublic(m.getModifiers()))
                    .filter(m -> Arrays.stream(((Executable) m).getParameterTypes()).anyMatch(p -> p == Optional.class))
                    .forEach(m -> found.add(type.getSimpleName() + "." + m.getName()));
        }
        assertEquals(List.of(), found);
    }

    @Test
    void whatIsNotSetIsEmpty() {
        ImageDetails d = ImageDetails.builder("team/app", "1.0", MANIFEST, ArtifactKind.IMAGE).build();
        assertEquals(Optional.empty(), d.artifactType());
        assertEquals(Optional.empty(), d.created());
        assertEquals(Optional.empty(), d.author());
        assertEquals(Optional.empty(), d.config());
        assertEquals(Optional.empty(), d.helmChart());
        assertEquals(Optional.empty(), d.subject());
        assertEquals(List.of(), d.layers());
        assertEquals(List.of(), d.platforms());
        assertEquals(List.of(), d.referrers());
        assertEquals(Map.of(), d.annotations());
        assertEquals(MANIFEST.size(), d.totalSize());
        assertEquals(2, d.schemaVersion());
    }

    @Test
    void whatIsSetReadsBack() {
        Instant built = Instant.parse("2026-03-01T12:00:00Z");
        Digest subject = Digest.sha256("subject".getBytes(StandardCharsets.UTF_8));
        Descriptor titled = LAYER.toBuilder().annotation(Annotations.TITLE, "app.tar").build();
        ImageDetails d = ImageDetails.builder("team/app", "1.0", MANIFEST, ArtifactKind.SBOM)
                .artifactType(MediaType.SPDX_JSON).created(built).author("Ada").subject(subject).totalSize(99)
                .layers(List.of(ImageDetails.Layer.of(titled), ImageDetails.Layer.of(LAYER))).build();
        assertEquals(Optional.of(MediaType.SPDX_JSON), d.artifactType());
        assertEquals(Optional.of(built), d.created());
        assertEquals(Optional.of("Ada"), d.author());
        assertEquals(Optional.of(subject), d.subject());
        assertEquals(99, d.totalSize());
        assertEquals(Optional.of("app.tar"), d.layers().get(0).title());
        assertEquals(Optional.empty(), d.layers().get(1).title());
        assertEquals(d, ImageDetails.builder("team/app", "1.0", MANIFEST, ArtifactKind.SBOM)
                .artifactType(MediaType.SPDX_JSON).created(built).author("Ada").subject(subject).totalSize(99)
                .layers(List.of(ImageDetails.Layer.of(titled), ImageDetails.Layer.of(LAYER))).build());

        ImageDetails.PlatformEntry untagged = ImageDetails.PlatformEntry.of(MANIFEST, 10, ArtifactKind.ATTESTATION);
        ImageDetails.PlatformEntry arm = ImageDetails.PlatformEntry.of(
                MANIFEST.withPlatform(Platform.parse("linux/arm64")), 10, ArtifactKind.IMAGE);
        assertEquals(Optional.empty(), untagged.platform());
        assertEquals(Optional.of(Platform.parse("linux/arm64")), arm.platform());
        ImageDetails.Referrer plain = ImageDetails.Referrer.of(MANIFEST);
        assertEquals(Optional.empty(), plain.artifactType());
        assertEquals(ArtifactKind.SBOM, ImageDetails.Referrer.of(MANIFEST.toBuilder().artifactType(MediaType.SPDX_JSON)
                .build()).kind());
    }

    @Test
    void aBadValueIsATypedErrorNamingIt() {
        ImageDetails.Builder b = ImageDetails.builder("team/app", "1.0", MANIFEST, ArtifactKind.IMAGE);
        assertEquals("repository", argument(() -> ImageDetails.builder(" ", "1.0", MANIFEST, ArtifactKind.IMAGE)));
        assertEquals("reference", argument(() -> ImageDetails.builder("team/app", null, MANIFEST, ArtifactKind.IMAGE)));
        assertEquals("descriptor", argument(() -> ImageDetails.builder("team/app", "1.0", null, ArtifactKind.IMAGE)));
        assertEquals("kind", argument(() -> ImageDetails.builder("team/app", "1.0", MANIFEST, null)));
        assertEquals("artifactType", argument(() -> b.artifactType(null)));
        assertEquals("totalSize", argument(() -> b.totalSize(-1)));
        assertEquals("created", argument(() -> b.created(null)));
        assertEquals("author", argument(() -> b.author(null)));
        assertEquals("config", argument(() -> b.config(null)));
        assertEquals("helmChart", argument(() -> b.helmChart(null)));
        assertEquals("subject", argument(() -> b.subject(null)));
        assertEquals("metadata", argument(() -> b.metadata(null)));
        assertEquals("annotations", argument(() -> b.annotations(null)));
        List<ImageDetails.Layer> withNull = new ArrayList<>();
        withNull.add(null);
        assertEquals("layers", argument(() -> b.layers(withNull)));
        assertEquals("platforms", argument(() -> b.platforms(null)));
        assertEquals("referrers", argument(() -> b.referrers(null)));
        assertEquals("layer", argument(() -> ImageDetails.Layer.of(null)));
        assertEquals("size", argument(() -> ImageDetails.PlatformEntry.of(MANIFEST, -1, ArtifactKind.IMAGE)));
        assertEquals("entry", argument(() -> ImageDetails.Referrer.of(null)));
        assertEquals("tag", argument(() -> ImageDetails.Referrer.ofCosignTag(null, MANIFEST)));
        assertEquals("manifest", argument(() -> ImageDetails.Referrer.ofCosignTag("sha256-" + "a".repeat(64) + ".sig", null)));
        assertEquals("tag", argument(() -> ImageDetails.Referrer.ofCosignTag("1.0", MANIFEST)));
        assertEquals("tag", argument(() -> ImageDetails.Referrer.ofCosignTag("sha256-" + "a".repeat(64) + ".txt", MANIFEST)));
    }

    @Test
    void aCosignTagGivesItsKindAndIsKept() {
        String hex = "b".repeat(64);
        assertEquals(ArtifactKind.SIGNATURE, ImageDetails.Referrer.ofCosignTag("sha256-" + hex + ".sig", MANIFEST).kind());
        assertEquals(ArtifactKind.ATTESTATION, ImageDetails.Referrer.ofCosignTag("sha256-" + hex + ".att", MANIFEST).kind());
        ImageDetails.Referrer sbom = ImageDetails.Referrer.ofCosignTag("sha256-" + hex + ".sbom", MANIFEST);
        assertEquals(ArtifactKind.SBOM, sbom.kind());
        assertEquals(Optional.of("sha256-" + hex + ".sbom"), sbom.tag());
        assertEquals(Optional.empty(), ImageDetails.Referrer.of(MANIFEST).tag());
        assertEquals(false, sbom.equals(ImageDetails.Referrer.of(MANIFEST)), "found by tag is not the same entry");
    }

    private static String argument(Runnable call) {
        return assertThrows(InvalidArgumentException.class, call::run).argument();
    }
}

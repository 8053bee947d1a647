package dev.berth.model.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Digest;
import dev.berth.model.Extensions;
import dev.berth.model.MalformedContentException;
import dev.berth.model.Platform;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageConfigTest {
    // The shape Docker writes: nulls, zero time, Docker-only fields.
    static final String DOCKER_STYLE = """
            {"architecture":"arm","variant":"v7","os":"linux","created":"0001-01-01T00:00:00Z",
             "author":"Jane <jane@example.com>","docker_version":"24.0.7",
             "config":{"User":"1000:1000","ExposedPorts":{"8080/tcp":{},"53/udp":{}},
               "Env":["PATH=/usr/bin","EMPTY=","NOEQ"],"Entrypoint":null,"Cmd":["sh"],"Volumes":null,
               "WorkingDir":"/app","Labels":{"org.label-schema.version":"2.1","maintainer":"ops@example.com"},
               "StopSignal":"SIGTERM","Healthcheck":{"Test":["CMD","true"]}},
             "rootfs":{"type":"layers","diff_ids":["sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"]},
             "history":[{"created":"2024-01-02T03:04:05.123456789Z","created_by":"/bin/sh -c #(nop) CMD [\\"sh\\"]","empty_layer":true},
                        {"created":"2024-01-02T03:04:06+02:00","comment":"base"}]}
            """;

    @Test
    void parsesDockerStyleConfigurations() {
        byte[] raw = DOCKER_STYLE.getBytes(StandardCharsets.UTF_8);
        ImageConfig c = ImageConfig.parse(raw);
        assertArrayEquals(raw, c.bytes());
        assertEquals(Digest.sha256(raw), c.digest());
        assertEquals(Platform.of("linux", "arm", "v7"), c.platform());
        assertEquals(Optional.empty(), c.created(), "Go's zero time means unknown");
        assertEquals("Jane <jane@example.com>", c.author().orElseThrow());
        ContainerConfig cc = c.config();
        assertEquals("1000:1000", cc.user());
        assertEquals(Set.of("8080/tcp", "53/udp"), cc.exposedPorts());
        assertEquals(List.of(), cc.entrypoint());
        assertEquals(List.of("sh"), cc.cmd());
        assertEquals(Set.of(), cc.volumes());
        assertEquals("/app", cc.workingDir());
        assertEquals("SIGTERM", cc.stopSignal());
        assertEquals(Map.of("PATH", "/usr/bin", "EMPTY", "", "NOEQ", ""), cc.envMap());
        assertEquals(List.of("Healthcheck"), cc.extensions().names());
        assertEquals(List.of("docker_version"), c.extensions().names());
        assertEquals("layers", c.rootfsType());
        assertEquals(1, c.diffIds().size());
        assertEquals(2, c.history().size());
        assertTrue(c.history().get(0).emptyLayer());
        assertEquals(Instant.parse("2024-01-02T01:04:06Z"), c.history().get(1).created().orElseThrow());
    }

    @Test
    void metadataMergesAnnotationsLabelsAndDockerConventions() {
        ImageConfig c = ImageConfig.parse(DOCKER_STYLE.getBytes(StandardCharsets.UTF_8));
        ImageMetadata meta = ImageMetadata.of(Map.of(Annotations.TITLE, "Demo"), c);
        assertEquals("Demo", meta.title().orElseThrow());
        assertEquals("2.1", meta.version().orElseThrow(), "label-schema fills in what OCI keys lack");
        assertEquals("ops@example.com", meta.authors().orElseThrow(), "the maintainer label beats the config author");
        assertTrue(meta.created().isEmpty());

        ImageMetadata ociWins = ImageMetadata.of(Map.of(Annotations.VERSION, "3.0"),
                Map.of(Annotations.VERSION, "2.0", LabelSchema.VERSION, "1.0", Annotations.SOURCE, "https://git"));
        assertEquals("3.0", ociWins.version().orElseThrow());
        assertEquals("https://git", ociWins.source().orElseThrow());
        assertTrue(ociWins.vendor().isEmpty());
    }

    @Test
    void badFieldsAreNamedByPath() {
        String badDiffId = DOCKER_STYLE.replace("sha256:2cf24", "sha256:XYZ");
        assertEquals("rootfs.diff_ids[0]", assertThrows(MalformedContentException.class,
                () -> ImageConfig.parse(badDiffId.getBytes(StandardCharsets.UTF_8))).path());
        String badEnv = DOCKER_STYLE.replace("\"EMPTY=\"", "42");
        assertEquals("config.Env[1]", assertThrows(MalformedContentException.class,
                () -> ImageConfig.parse(badEnv.getBytes(StandardCharsets.UTF_8))).path());
        String badTime = DOCKER_STYLE.replace("2024-01-02T03:04:05.123456789Z", "yesterday");
        assertEquals("history[0].created", assertThrows(MalformedContentException.class,
                () -> ImageConfig.parse(badTime.getBytes(StandardCharsets.UTF_8))).path());
        assertEquals("os", assertThrows(MalformedContentException.class,
                () -> ImageConfig.parse("{\"architecture\":\"amd64\"}".getBytes(StandardCharsets.UTF_8))).path());
    }

    @Test
    void builtConfigurationsParseBackToTheSameValues() {
        ContainerConfig cc = new ContainerConfig("app", Set.of("80/tcp"), List.of("A=1"), List.of("/entry"),
                List.of("run"), Set.of("/data"), "/srv", Map.of("k", "v"), "SIGINT", Extensions.none());
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        ImageConfig c = ImageConfig.builder(Platform.parse("linux/arm64/v8")).created(created).author("me").config(cc)
                .diffId(Digest.sha256(new byte[0]))
                .history(HistoryEntry.builder().created(created).createdBy("build").build())
                .build();
        ImageConfig back = ImageConfig.parse(c.bytes());
        assertEquals(cc, back.config());
        assertEquals(created, back.created().orElseThrow());
        assertEquals("v8", back.platform().variant());
        assertEquals(c.history(), back.history());
        assertEquals(c.diffIds(), back.diffIds());
    }
}

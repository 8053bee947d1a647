package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.Skopeo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** skopeo, a real client, against Berth's embedded registry on both stores. */
class SkopeoAgainstEmbeddedRegistryTest {
    @TempDir
    Path dir;

    static Stream<Arguments> storages() {
        Function<Path, Storage> memory = d -> Storage.inMemory();
        Function<Path, Storage> files = d -> Storage.filesystem(d.resolve("store"));
        return Stream.of(Arguments.of("memory", memory), Arguments.of("filesystem", files));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storages")
    void copyInInspectListCopyOutAndDeleteByteIdentical(String name, Function<Path, Storage> storage) throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().storage(storage.apply(dir)).start()) {
            OciLayoutImage image = OciLayoutImage.write(dir.resolve("in"), "1.0", "embedded " + name + " " + System.nanoTime());
            String ref = "docker://" + registry.hostPort() + "/team/app";

            Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), ref + ":1.0");
            Skopeo.run("copy", "--src-tls-verify=false", "--dest-tls-verify=false", ref + ":1.0", ref + ":latest");

            JsonNode inspect = new ObjectMapper().readTree(Skopeo.run("inspect", "--tls-verify=false", ref + ":1.0"));
            assertEquals(image.manifest().digest().toString(), inspect.get("Digest").asText());
            assertEquals("amd64", inspect.get("Architecture").asText());
            JsonNode tags = new ObjectMapper().readTree(Skopeo.run("list-tags", "--tls-verify=false", ref));
            assertEquals("[\"1.0\",\"latest\"]", tags.get("Tags").toString());

            Skopeo.run("copy", "--src-tls-verify=false", ref + ":1.0", "oci:" + dir.resolve("out") + ":1.0");
            Path outBlobs = dir.resolve("out/blobs/sha256");
            for (var d : java.util.List.of(image.manifest().descriptor(), image.layer(), image.config())) {
                assertArrayEquals(Files.readAllBytes(image.dir().resolve("blobs/sha256/" + d.digest().encoded())),
                        Files.readAllBytes(outBlobs.resolve(d.digest().encoded())), "byte-identical " + d.mediaType());
            }

            Skopeo.run("delete", "--tls-verify=false", ref + "@" + image.manifest().digest());
            IOException gone = assertThrows(IOException.class, () -> Skopeo.run("inspect", "--tls-verify=false", ref + ":1.0"));
            assertTrue(gone.getMessage().contains("manifest unknown") || gone.getMessage().contains("MANIFEST_UNKNOWN"),
                    gone.getMessage());
        }
    }
}

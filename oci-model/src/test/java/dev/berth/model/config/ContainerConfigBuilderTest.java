package dev.berth.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.model.Descriptor;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ContainerConfig's builder, through an image configuration's bytes and back; ImageConfig's descriptor. */
class ContainerConfigBuilderTest {

    @Test
    void whatTheBuilderSetsSurvivesTheConfigurationsBytes() {
        ContainerConfig built = ContainerConfig.builder().user("1000:1000").exposedPort("8080/tcp")
                .exposedPort("53/udp").env("PATH", "/bin").env("MODE", "test").env("PATH", "/usr/bin:/bin")
                .entrypoint("/app", "serve").cmd("--port", "8080").volume("/data").workingDir("/srv")
                .label("org.opencontainers.image.title", "app").stopSignal("SIGINT").build();
        assertEquals(List.of("PATH=/usr/bin:/bin", "MODE=test"), built.env(), "a variable set again keeps its place");

        ImageConfig config = ImageConfig.builder(Platform.parse("linux/arm64")).config(built).build();
        ContainerConfig read = ImageConfig.parse(config.bytes()).config();
        assertEquals(built, read);
        assertEquals(Set.of("53/udp", "8080/tcp"), read.exposedPorts());
        assertEquals(Map.of("org.opencontainers.image.title", "app"), read.labels());
        assertEquals(List.of("/app", "serve"), read.entrypoint());
        assertEquals("/usr/bin:/bin", read.envValue("PATH").orElseThrow());
    }

    @Test
    void toBuilderChangesOneThingAndKeepsTheRest() {
        ContainerConfig base = ContainerConfig.builder().entrypoint("/app").env("A", "1").label("k", "v").build();
        ContainerConfig changed = base.toBuilder().env("B", "2").cmd("x").build();
        assertEquals(List.of("A=1", "B=2"), changed.env());
        assertEquals(List.of("/app"), changed.entrypoint());
        assertEquals(List.of("x"), changed.cmd());
        assertEquals(Map.of("k", "v"), changed.labels());
        assertEquals(List.of(), base.cmd(), "the original is untouched");
        assertEquals(ContainerConfig.EMPTY, ContainerConfig.builder().build());
    }

    @Test
    void badEnvironmentNamesAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContainerConfig.builder().env("A=B", "c"));
        assertEquals(true, e.getMessage().contains("A=B"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ContainerConfig.builder().env("", "c"));
        assertThrows(NullPointerException.class, () -> ContainerConfig.builder().user(null));
    }

    @Test
    void anImageConfigurationGivesTheDescriptorAManifestLists() {
        ImageConfig config = ImageConfig.builder(Platform.parse("linux/amd64")).build();
        assertEquals(Descriptor.forContent(MediaType.OCI_CONFIG, config.bytes()), config.descriptor());
    }
}

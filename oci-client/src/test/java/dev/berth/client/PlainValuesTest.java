package dev.berth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.client.copy.CopiedManifest;
import dev.berth.client.registries.ConnectionFailure;
import dev.berth.client.registries.ConnectionReport;
import dev.berth.client.registries.RegistryEntry;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.testsupport.PublicArguments;
import java.lang.reflect.Executable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The client's small result and configuration values are made from plain values (a factory and {@code with...}
 * methods), never from Optionals, and what is not set reads back empty.
 */
class PlainValuesTest {
    private static final URI BASE = URI.create("http://127.0.0.1:5000/");
    private static final Digest DIGEST = Digest.sha256("manifest".getBytes(StandardCharsets.UTF_8));
    private static final Descriptor MANIFEST = Descriptor.of(MediaType.OCI_MANIFEST, DIGEST, 8);
    private static final List<Class<?>> TYPES = List.of(Ping.class, PushedManifest.class, RateLimit.class,
            CopiedManifest.class, ConnectionReport.class, RegistryEntry.class);

    @Test
    void noPublicConstructorOrMethodTakesAnOptional() {
        List<String> found = new ArrayList<>();
        for (Class<?> type : TYPES) {
            assertEquals(0, type.getConstructors().length, type.getSimpleName() + " is made by a factory");
            Stream.concat(Arrays.stream(type.getConstructors()), Arrays.stream(type.getMethods()))
                    .filter(m -> Arrays.stream(((Executable) m).getParameterTypes())
                            .anyMatch(p -> p == Optional.class || p == OptionalLong.class))
                    .forEach(m -> found.add(type.getSimpleName() + "." + m.getName()));
        }
        assertEquals(List.of(), found);
    }

    @Test
    void whatIsNotSetIsEmpty() {
        Ping ping = Ping.of(BASE, "none", Duration.ofMillis(3));
        assertEquals(Optional.empty(), ping.apiVersion());
        assertEquals(Optional.of("registry/2.0"), ping.withApiVersion("registry/2.0").apiVersion());
        assertEquals(Optional.empty(), PushedManifest.of(DIGEST).subject());
        assertEquals(Optional.of(DIGEST), PushedManifest.of(DIGEST).withSubject(DIGEST).subject());

        RateLimit limit = RateLimit.of(100);
        assertEquals(OptionalLong.empty(), limit.remaining());
        assertEquals(Optional.empty(), limit.window());
        assertEquals(OptionalLong.of(76), limit.withRemaining(76).remaining());
        assertEquals(Optional.of(Duration.ofHours(6)), limit.withWindow(Duration.ofHours(6)).window());

        CopiedManifest copied = CopiedManifest.of(MANIFEST, List.of());
        assertEquals(Optional.empty(), copied.platform());
        assertEquals(Optional.empty(), copied.subject());
        assertEquals(Optional.of(Platform.parse("linux/arm64")),
                copied.withPlatform(Platform.parse("linux/arm64")).platform());

        ConnectionReport failed = ConnectionReport.failed("d", false, Duration.ZERO, ConnectionFailure.REFUSED, "no");
        assertFalse(failed.ok());
        assertEquals(Optional.empty(), failed.baseUri());
        assertEquals(Optional.empty(), failed.apiVersion());
        assertEquals(Optional.empty(), failed.authScheme());
        assertEquals(Optional.of(BASE), failed.withBaseUri(BASE).baseUri());
        ConnectionReport usable = ConnectionReport.usable("d", ping.withApiVersion("registry/2.0"), "ok");
        assertTrue(usable.ok());
        assertEquals(Optional.empty(), usable.failure());
        assertEquals(Optional.of("none"), usable.authScheme());
        assertEquals(Optional.of(BASE), usable.baseUri());

        RegistryEntry entry = RegistryEntry.of("local", "localhost:5000");
        assertEquals(Optional.empty(), entry.caCertificate());
        assertEquals(Optional.empty(), entry.username());
        assertEquals(Optional.empty(), entry.withUsername("").username(), "empty text is no user");
        assertEquals(entry.withUsername("ci"), RegistryEntry.of("local", "localhost:5000").withUsername("ci"));
    }

    @Test
    void aBadValueIsATypedErrorNamingIt() {
        PublicArguments check = PublicArguments.with(Map.of(URI.class, BASE, Duration.class, Duration.ZERO,
                        Digest.class, DIGEST, Descriptor.class, MANIFEST, List.class, List.of(),
                        Platform.class, Platform.parse("linux/amd64"), Ping.class, Ping.of(BASE, "none", Duration.ZERO),
                        ConnectionFailure.class, ConnectionFailure.REFUSED, Path.class, Path.of("ca.pem")))
                .strings(Map.of("authScheme", "basic", "apiVersion", "registry/2.0", "name", "d", "detail", "no",
                        "value", "ci"))
                // a registry may announce an empty version; a report's name and sentence are whatever the set holds
                .blankAllowed("apiVersion", "name", "detail", "value")
                .skip("of", "from"); // RegistryEntry.of refuses a blank name as a malformed entry, checked below
        List<String> failures = new ArrayList<>();
        failures.addAll(check.check(Ping.class, Ping.of(BASE, "none", Duration.ZERO)));
        failures.addAll(check.check(PushedManifest.class, PushedManifest.of(DIGEST)));
        failures.addAll(check.check(RateLimit.class, RateLimit.of(1)));
        failures.addAll(check.check(CopiedManifest.class, CopiedManifest.of(MANIFEST, List.of())));
        failures.addAll(check.check(ConnectionReport.class,
                ConnectionReport.failed("d", false, Duration.ZERO, ConnectionFailure.REFUSED, "no")));
        failures.addAll(check.check(RegistryEntry.class, RegistryEntry.of("d", "localhost:5000")));
        assertEquals(List.of(), failures, String.join("\n", failures));
        assertEquals("baseUri", argument(() -> Ping.of(null, "none", Duration.ZERO)));
        assertEquals("authScheme", argument(() -> Ping.of(BASE, " ", Duration.ZERO)));
        assertEquals("latency", argument(() -> Ping.of(BASE, "none", null)));
        assertEquals("digest", argument(() -> PushedManifest.of(null)));
        assertEquals("limit", argument(() -> RateLimit.of(-1)));
        assertEquals("manifest", argument(() -> CopiedManifest.of(null, List.of())));
        List<CopiedManifest.BlobCopy> withNull = new ArrayList<>();
        withNull.add(null);
        assertEquals("blobs", argument(() -> CopiedManifest.of(MANIFEST, withNull)));
        assertEquals("ping", argument(() -> ConnectionReport.usable("d", null, "ok")));
        assertEquals("failure", argument(() -> ConnectionReport.failed("d", true, Duration.ZERO, null, "no")));
        assertEquals("name", argument(() -> RegistryEntry.of(null, "localhost:5000")));
        assertEquals("address", argument(() -> RegistryEntry.of("d", null)));
        assertThrows(IllegalArgumentException.class, () -> RegistryEntry.of(" d", "localhost:5000"));
    }

    private static String argument(Runnable call) {
        return assertThrows(InvalidArgumentException.class, call::run).argument();
    }
}

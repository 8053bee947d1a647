package dev.berth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.auth.CredentialProviders;
import dev.berth.auth.RegistryAuthenticator;
import dev.berth.client.inspect.ImageInspector;
import dev.berth.client.layout.OciLayout;
import dev.berth.client.tags.TagDeleter;
import dev.berth.client.tags.TagLister;
import dev.berth.client.tags.TagQuery;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.InvalidReferenceException;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.Reference;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.testsupport.PublicArguments;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks the public methods of the client's main types and calls each with one argument bad (null, blank,
 * malformed, negative) and the others good: every call must fail with Berth's typed argument error, naming
 * the parameter, before anything is sent. The client points at a closed loopback port, so a method that
 * skips a check fails with {@link RegistryUnreachableException} instead, which names no parameter.
 *
 * <p>A parameter of a type the test has no good sample for fails the test: add one to {@link #good}.
 */
class PublicArgumentsTest {
    private static final byte[] BYTES = "content".getBytes(StandardCharsets.UTF_8);
    private static final String REGISTRY = "127.0.0.1:1";

    @TempDir
    Path dir;

    private RegistryClient client;
    private OciLayout layout;

    @BeforeEach
    void open() {
        client = RegistryClient.builder(REGISTRY).retry(RetryPolicy.NONE).build();
        layout = OciLayout.create(dir.resolve("layout"));
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void registryClientNamesEveryBadArgument() {
        List<String> checked = checkAll(RegistryClient.class, client);
        assertTrue(checked.contains("getManifest(repository, reference) reference=null"), String.join("\n", checked));
    }

    @Test
    void registryClientBuilderNamesEveryBadArgument() {
        checkAll(RegistryClient.Builder.class, RegistryClient.builder(REGISTRY));
    }

    @Test
    void ociLayoutNamesEveryBadArgument() {
        checkAll(OciLayout.class, layout);
    }

    @Test
    void inspectorListerAndDeleterNameEveryBadArgument() {
        checkAll(ImageInspector.class, new ImageInspector(client));
        checkAll(TagLister.class, new TagLister(client));
        checkAll(TagDeleter.class, new TagDeleter(client));
    }

    @Test
    void theIssueExampleIsTypedNotABareNullPointerException() {
        InvalidReferenceException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidReferenceException.class,
                () -> client.getManifest("team/app", null));
        assertTrue(e.getMessage().contains("reference"), e.getMessage());
        InvalidArgumentException mount = org.junit.jupiter.api.Assertions.assertThrows(InvalidArgumentException.class,
                () -> client.pushBlob("team/app", null, BlobSource.of(BYTES), TransferListener.NONE));
        assertEquals("blob", mount.argument());
    }

    // The shared checker, with the client's sample values and the malformed names its parsers must refuse.
    private List<String> checkAll(Class<?> type, Object target) {
        PublicArguments checker = PublicArguments.with(samples())
                .strings(Map.of("repository", "team/app", "reference", "1.0", "tag", "1.0", "from", "team/other",
                        "mountFrom", "team/other", "last", "a", "artifactType", MediaType.SPDX_JSON,
                        "mediaType", MediaType.OCTET_STREAM, "registry", REGISTRY, "value", "berth-test"))
                .malformed("Team/App!", "repository", "from", "mountFrom")
                .malformed("no tag!", "reference", "tag");
        List<String> failures = checker.check(type, target);
        if (!failures.isEmpty()) {
            fail(failures.size() + " calls did not name their bad argument:\n" + String.join("\n", failures));
        }
        return checker.calls();
    }

    private Map<Class<?>, Object> samples() {
        ImageManifest manifest = ImageManifest.builder()
                .config(Descriptor.forContent(MediaType.OCI_CONFIG, BYTES))
                .build();
        return Map.ofEntries(
                Map.entry(dev.berth.client.tags.TagDetailsCache.class, new dev.berth.client.tags.TagDetailsCache(16)),
                Map.entry(Digest.class, Digest.sha256(BYTES)),
                Map.entry(Descriptor.class, Descriptor.forContent(MediaType.OCTET_STREAM, BYTES)),
                Map.entry(Manifest.class, manifest),
                Map.entry(Reference.class, Reference.parse(REGISTRY + "/team/app:1.0")),
                Map.entry(Platform.class, Platform.parse("linux/amd64")),
                Map.entry(OutputStream.class, new ByteArrayOutputStream()),
                Map.entry(InputStream.class, new ByteArrayInputStream(BYTES)),
                Map.entry(WritableByteChannel.class, Channels.newChannel(new ByteArrayOutputStream())),
                Map.entry(Path.class, dir.resolve("file")),
                Map.entry(byte[].class, BYTES),
                Map.entry(BlobSource.class, BlobSource.of(BYTES)),
                Map.entry(TransferListener.class, TransferListener.NONE),
                Map.entry(List.class, List.of()),
                Map.entry(TagQuery.class, TagQuery.byName()),
                Map.entry(Duration.class, Duration.ofSeconds(1)),
                Map.entry(RetryPolicy.class, RetryPolicy.NONE),
                Map.entry(ProxySelector.class, ProxySelector.getDefault()),
                Map.entry(HttpClient.class, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()),
                Map.entry(dev.berth.auth.CredentialProvider.class, CredentialProviders.defaults()),
                Map.entry(RegistryAuthenticator.class, RegistryAuthenticator.builder().build()),
                Map.entry(Consumer.class, (Consumer<Object>) x -> { }),
                Map.entry(RegistryClient.class, client));
    }
}

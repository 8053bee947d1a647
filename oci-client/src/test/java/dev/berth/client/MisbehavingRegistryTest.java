package dev.berth.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProviders;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.DigestMismatchException;
import dev.berth.model.ErrorCode;
import dev.berth.model.MediaType;
import dev.berth.model.RegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What distribution cannot be made to do, staged with WireMock: throttling,
 * flaky 5xx, redirects to object storage, missing Link headers and a lying
 * {@code Docker-Content-Digest}.
 */
class MisbehavingRegistryTest {
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5));

    private WireMockServer registry;
    private WireMockServer storage;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        registry = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        storage = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        registry.start();
        storage.start();
    }

    @AfterEach
    void stop() {
        registry.stop();
        storage.stop();
    }

    private RegistryClient client() {
        return RegistryClient.builder("http://127.0.0.1:" + registry.port()).retry(FAST)
                .credentials(r -> java.util.Optional.empty()).build();
    }

    private static String manifestPath(String reference) {
        return "/v2/app/manifests/" + reference;
    }

    @Test
    void aThrottledRequestWaitsAsRetryAfterSaysAndTheRateLimitIsSurfaced() {
        byte[] manifest = TestImages.random(1, 10).manifest().bytes();
        registry.stubFor(get(manifestPath("1.0")).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}"))
                .willSetStateTo("served"));
        registry.stubFor(get(manifestPath("1.0")).inScenario("throttle").whenScenarioStateIs("served")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", MediaType.OCI_MANIFEST)
                        .withHeader("RateLimit-Limit", "100;w=21600").withHeader("RateLimit-Remaining", "76;w=21600")
                        .withBody(manifest)));
        RegistryClient client = client();
        long start = System.nanoTime();
        assertArrayEquals(manifest, client.getManifest("app", "1.0").bytes());
        assertTrue(System.nanoTime() - start >= 900_000_000L, "waited the second Retry-After asked for");
        RateLimit limit = client.rateLimit().orElseThrow();
        assertEquals(100, limit.limit());
        assertEquals(OptionalLong.of(76), limit.remaining());
        assertEquals(java.util.Optional.of(Duration.ofHours(6)), limit.window());
    }

    @Test
    void aRetryAfterLongerThanThePolicyAllowsIsReportedNotWaitedFor() {
        registry.stubFor(get(manifestPath("1.0")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        RegistryException e = assertThrows(RegistryException.class, () -> client().getManifest("app", "1.0"));
        assertEquals(429, e.status());
        assertTrue(e.hasCode(ErrorCode.TOOMANYREQUESTS), e.getMessage());
        assertEquals(1, registry.countRequestsMatching(getRequestedFor(urlEqualTo(manifestPath("1.0"))).build()).getCount());
    }

    @Test
    void serverErrorsAreRetriedUntilTheyPassAndReportedWhenTheyDoNot() {
        byte[] blob = "layer bytes".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(blob);
        String path = "/v2/app/blobs/" + digest;
        registry.stubFor(get(path).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("again"));
        registry.stubFor(get(path).inScenario("flaky").whenScenarioStateIs("again")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("ok"));
        registry.stubFor(get(path).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody(blob)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client().getBlob("app", Descriptor.of(MediaType.OCTET_STREAM, digest, blob.length), out, TransferListener.NONE);
        assertArrayEquals(blob, out.toByteArray());

        registry.stubFor(get(manifestPath("down")).willReturn(aResponse().withStatus(502)));
        RegistryException e = assertThrows(RegistryException.class, () -> client().getManifest("app", "down"));
        assertEquals(502, e.status());
        assertEquals(FAST.maxAttempts(), registry.countRequestsMatching(getRequestedFor(urlEqualTo(manifestPath("down"))).build())
                .getCount());
    }

    @Test
    void aBlobRedirectToObjectStorageIsFollowedWithoutTheAuthorizationHeader() {
        byte[] blob = "stored in a bucket".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(blob);
        String path = "/v2/app/blobs/" + digest;
        registry.stubFor(get(path).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"test\"")));
        registry.stubFor(get(path).withHeader("Authorization", matching("Basic .+")).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://127.0.0.1:" + storage.port() + "/bucket/blob?X-Amz-Signature=abc")));
        // Like S3: a second auth mechanism is refused.
        storage.stubFor(get(urlPathEqualTo("/bucket/blob")).withHeader("Authorization", matching(".+"))
                .willReturn(aResponse().withStatus(400).withBody("Only one auth mechanism allowed")));
        storage.stubFor(get(urlPathEqualTo("/bucket/blob")).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(200).withBody(blob)));
        RegistryClient client = RegistryClient.builder("http://127.0.0.1:" + registry.port()).retry(FAST)
                .credentials(CredentialProviders.of("127.0.0.1:" + registry.port(), Credential.basic("alice", "pw"))).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.getBlob("app", Descriptor.of(MediaType.OCTET_STREAM, digest, blob.length), out, TransferListener.NONE);
        assertArrayEquals(blob, out.toByteArray());
        storage.verify(getRequestedFor(urlPathEqualTo("/bucket/blob")).withoutHeader("Authorization"));
    }

    @Test
    void tagListsWithoutLinkHeadersAreStillFollowedToTheEnd() {
        List<String> firstPage = IntStream.range(0, RegistryClient.DEFAULT_PAGE_SIZE).mapToObj(i -> String.format("t%05d", i)).toList();
        List<String> secondPage = List.of("u1", "u2");
        registry.stubFor(get("/v2/app/tags/list?n=1000").willReturn(aResponse().withStatus(200)
                .withBody(tagsJson(firstPage))));
        registry.stubFor(get("/v2/app/tags/list?n=1000&last=" + firstPage.get(firstPage.size() - 1))
                .willReturn(aResponse().withStatus(200).withBody(tagsJson(secondPage))));
        registry.stubFor(get("/v2/app/tags/list?n=1000&last=u2").willReturn(aResponse().withStatus(200).withBody(tagsJson(List.of()))));
        List<String> all = new ArrayList<>(firstPage);
        all.addAll(secondPage);
        assertEquals(all, client().tags("app").toList());
    }

    @Test
    void aLinkHeaderWithAnEmptyLastContinuesAfterThePagesLastTag() {
        // No real registry sends "last=" empty; the page still has a next page, where the last tag is.
        registry.stubFor(get("/v2/app/tags/list?n=2").willReturn(aResponse().withStatus(200)
                .withHeader("Link", "</v2/app/tags/list?n=2&last=>; rel=\"next\"").withBody(tagsJson(List.of("a", "b")))));
        registry.stubFor(get("/v2/app/tags/list?n=2&last=b").willReturn(aResponse().withStatus(200)
                .withBody(tagsJson(List.of("c")))));
        dev.berth.model.Page<String> first = client().tagsPage("app", 2);
        assertEquals(List.of("a", "b"), first.items());
        assertEquals(java.util.Optional.of("b"), first.next());
        dev.berth.model.Page<String> second = client().tagsPage("app", 2, first.next().get());
        assertEquals(dev.berth.model.Page.last(List.of("c")), second);
    }

    private static String tagsJson(List<String> tags) {
        return "{\"name\":\"app\",\"tags\":[" + tags.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",")) + "]}";
    }

    @Test
    void aLyingDockerContentDigestIsATypedErrorAndNothingIsWritten() throws IOException {
        byte[] manifest = TestImages.random(2, 10).manifest().bytes();
        Digest other = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));
        registry.stubFor(get(manifestPath("1.0")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", MediaType.OCI_MANIFEST).withHeader("Docker-Content-Digest", other.toString())
                .withBody(manifest)));
        DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> client().getManifest("app", "1.0"));
        assertEquals(other, e.expected());
        assertEquals(Digest.sha256(manifest), e.actual());

        byte[] tampered = "not what was asked for".getBytes(StandardCharsets.UTF_8);
        Digest wanted = Digest.sha256("the real layer!!!!!!!!".getBytes(StandardCharsets.UTF_8));
        registry.stubFor(get("/v2/app/blobs/" + wanted).willReturn(aResponse().withStatus(200).withBody(tampered)));
        Path target = dir.resolve("layer");
        assertThrows(DigestMismatchException.class, () -> client().getBlob("app",
                Descriptor.of(MediaType.OCTET_STREAM, wanted, tampered.length), target, TransferListener.NONE));
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(dir.resolve("layer.partial")), "no half-written file is left");
    }

    @Test
    void aManifestPastTheSizeCapIsRefusedBeforeItIsRead() {
        registry.stubFor(get(manifestPath("huge")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", MediaType.OCI_MANIFEST).withBody(new byte[dev.berth.model.manifest.Manifest.MAX_BYTES + 1])));
        assertThrows(dev.berth.model.ContentTooLargeException.class, () -> client().getManifest("app", "huge"));
    }

    @Test
    void aRefusedChunkIsResentFromTheOffsetTheRegistryReports() {
        byte[] blob = new byte[300];
        new java.util.Random(3).nextBytes(blob);
        Digest digest = Digest.sha256(blob);
        registry.stubFor(com.github.tomakehurst.wiremock.client.WireMock.head(urlPathEqualTo("/v2/app/blobs/" + digest))
                .willReturn(aResponse().withStatus(404)));
        registry.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/v2/app/blobs/uploads/"))
                .willReturn(aResponse().withStatus(202).withHeader("Location", "/v2/app/blobs/uploads/s1")));
        // The first chunk (0-99) is acknowledged; the second (100-199) is refused with 416 after the
        // registry (say, after a lost response) got only 50 of its bytes; the client must resume at 150.
        registry.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch(urlEqualTo("/v2/app/blobs/uploads/s1"))
                .withHeader("Content-Range", equalTo("0-99"))
                .willReturn(aResponse().withStatus(202).withHeader("Location", "/v2/app/blobs/uploads/s1").withHeader("Range", "0-99")));
        registry.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch(urlEqualTo("/v2/app/blobs/uploads/s1"))
                .withHeader("Content-Range", equalTo("100-199"))
                .willReturn(aResponse().withStatus(416).withBody("{\"errors\":[{\"code\":\"BLOB_UPLOAD_INVALID\"}]}")));
        registry.stubFor(get(urlEqualTo("/v2/app/blobs/uploads/s1"))
                .willReturn(aResponse().withStatus(204).withHeader("Range", "0-149").withHeader("Location", "/v2/app/blobs/uploads/s1")));
        registry.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch(urlEqualTo("/v2/app/blobs/uploads/s1"))
                .withHeader("Content-Range", equalTo("150-199"))
                .willReturn(aResponse().withStatus(202).withHeader("Location", "/v2/app/blobs/uploads/s1").withHeader("Range", "0-199")));
        registry.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch(urlEqualTo("/v2/app/blobs/uploads/s1"))
                .withHeader("Content-Range", equalTo("200-299"))
                .willReturn(aResponse().withStatus(202).withHeader("Location", "/v2/app/blobs/uploads/s1").withHeader("Range", "0-299")));
        registry.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(urlPathEqualTo("/v2/app/blobs/uploads/s1"))
                .withQueryParam("digest", equalTo(digest.toString()))
                .willReturn(aResponse().withStatus(201).withHeader("Docker-Content-Digest", digest.toString())));

        RegistryClient chunked = RegistryClient.builder("http://127.0.0.1:" + registry.port()).retry(FAST).chunkSize(100)
                .credentials(r -> java.util.Optional.empty()).build();
        assertEquals(TransferListener.Outcome.TRANSFERRED, chunked.pushBlob("app",
                Descriptor.of(MediaType.OCTET_STREAM, digest, blob.length), BlobSource.of(blob), TransferListener.NONE));
        registry.verify(com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(urlEqualTo("/v2/app/blobs/uploads/s1"))
                .withHeader("Content-Range", equalTo("150-199"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo(java.util.Arrays.copyOfRange(blob, 150, 200))));
    }

    @Test
    void aBlobHeadRefusedAsOnEcrPublicDoesNotStopThePush() {
        byte[] blob = "pushed although HEAD was refused".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(blob);
        registry.stubFor(com.github.tomakehurst.wiremock.client.WireMock.head(urlPathEqualTo("/v2/app/blobs/" + digest))
                .willReturn(aResponse().withStatus(403)));
        registry.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/v2/app/blobs/uploads/"))
                .withQueryParam("digest", equalTo(digest.toString()))
                .willReturn(aResponse().withStatus(201).withHeader("Docker-Content-Digest", digest.toString())));
        assertEquals(TransferListener.Outcome.TRANSFERRED, client().pushBlob("app",
                Descriptor.of(MediaType.OCTET_STREAM, digest, blob.length), BlobSource.of(blob), TransferListener.NONE));
        registry.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/v2/app/blobs/uploads/"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo(blob)));
    }
}

package dev.berth.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.berth.model.Descriptor;
import dev.berth.model.MediaType;
import dev.berth.model.RegistryException;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The committing PUT of a blob upload fails or times out: whether the blob
 * landed is asked with a HEAD, never by sending the PUT again. WireMock,
 * because no real registry fails a PUT on cue.
 */
class UploadCommitRecoveryTest {
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5));
    private static final String UPLOADS = "/v2/app/blobs/uploads/";

    private WireMockServer registry;
    private byte[] content;
    private Descriptor blob;

    @BeforeEach
    void start() {
        registry = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        registry.start();
        // Past the single-POST limit, so the upload is POST, then one PUT.
        content = new byte[(int) (dev.berth.client.internal.BlobPush.SINGLE_POST_LIMIT + 4096)];
        new Random(7).nextBytes(content);
        blob = Descriptor.forContent(MediaType.OCI_LAYER_TAR, content);
        registry.stubFor(delete(urlPathMatching(UPLOADS + ".+")).willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void stop() {
        registry.stop();
    }

    private RegistryClient client(Duration requestTimeout) {
        return RegistryClient.builder("http://127.0.0.1:" + registry.port()).retry(FAST).requestTimeout(requestTimeout)
                .credentials(r -> Optional.empty()).build();
    }

    private String blobPath() {
        return "/v2/app/blobs/" + blob.digest();
    }

    // Absent until a PUT has landed it: the HEAD before the upload says "send it", the one after says what happened.
    private void blobHead(String landedState) {
        registry.stubFor(head(urlEqualTo(blobPath())).inScenario("upload").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(404)));
        registry.stubFor(head(urlEqualTo(blobPath())).inScenario("upload").whenScenarioStateIs("session 2")
                .willReturn(aResponse().withStatus(404)));
        registry.stubFor(head(urlEqualTo(blobPath())).inScenario("upload").whenScenarioStateIs(landedState)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Length", String.valueOf(content.length))));
    }

    private void sessions(int count) {
        for (int i = 1; i <= count; i++) {
            String state = i == 1 ? Scenario.STARTED : "session " + i;
            registry.stubFor(post(urlEqualTo(UPLOADS)).inScenario("sessions").whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(202).withHeader("Location", UPLOADS + "s" + i))
                    .willSetStateTo("session " + (i + 1)));
        }
    }

    private void landingPut(String session) {
        registry.stubFor(put(urlPathEqualTo(UPLOADS + session)).willReturn(aResponse().withStatus(201)
                .withHeader("Docker-Content-Digest", blob.digest().toString())));
    }

    private long puts(String session) {
        return registry.countRequestsMatching(putRequestedFor(urlPathEqualTo(UPLOADS + session)).build()).getCount();
    }

    private long posts() {
        return registry.countRequestsMatching(postRequestedFor(urlEqualTo(UPLOADS)).build()).getCount();
    }

    @Test
    void aFailedPutWhoseBlobLandedIsNotSentAgain() {
        blobHead("landed");
        sessions(1);
        registry.stubFor(put(urlPathEqualTo(UPLOADS + "s1")).inScenario("upload").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("landed"));
        try (RegistryClient client = client(Duration.ofSeconds(10))) {
            assertEquals(TransferListener.Outcome.TRANSFERRED,
                    client.pushBlob("app", blob, BlobSource.of(content), TransferListener.NONE));
        }
        assertEquals(1, puts("s1"), "the PUT was sent once");
        assertEquals(1, posts(), "no new session was needed");
    }

    @Test
    void aFailedPutWhoseBlobDidNotLandRestartsTheUploadInANewSession() {
        blobHead("landed");
        sessions(2);
        registry.stubFor(put(urlPathEqualTo(UPLOADS + "s1")).willReturn(aResponse().withStatus(503)));
        landingPut("s2");
        try (RegistryClient client = client(Duration.ofSeconds(10))) {
            assertEquals(TransferListener.Outcome.TRANSFERRED,
                    client.pushBlob("app", blob, BlobSource.of(content), TransferListener.NONE));
        }
        assertEquals(1, puts("s1"), "the failed PUT was not repeated");
        assertEquals(1, puts("s2"), "the content went again to a new session");
        assertEquals(2, posts());
    }

    @Test
    void aTimedOutPutWhoseBlobLandedIsNotSentAgain() {
        blobHead("landed");
        sessions(1);
        registry.stubFor(put(urlPathEqualTo(UPLOADS + "s1")).inScenario("upload").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(201).withFixedDelay(3000)).willSetStateTo("landed"));
        try (RegistryClient client = client(Duration.ofMillis(500))) {
            assertEquals(TransferListener.Outcome.TRANSFERRED,
                    client.pushBlob("app", blob, BlobSource.of(content), TransferListener.NONE));
        }
        assertEquals(1, puts("s1"), "the PUT was sent once");
    }

    @Test
    void aPutThatNeverLandsIsReportedAfterAFewFreshUploads() {
        registry.stubFor(head(urlEqualTo(blobPath())).willReturn(aResponse().withStatus(404)));
        registry.stubFor(post(urlEqualTo(UPLOADS)).willReturn(aResponse().withStatus(202).withHeader("Location", UPLOADS + "s")));
        registry.stubFor(put(urlPathEqualTo(UPLOADS + "s")).willReturn(aResponse().withStatus(500)));
        try (RegistryClient client = client(Duration.ofSeconds(10))) {
            RegistryException e = assertThrows(RegistryException.class,
                    () -> client.pushBlob("app", blob, BlobSource.of(content), TransferListener.NONE));
            assertEquals(500, e.status());
        }
        assertEquals(3, puts("s"), "one PUT per upload: the first and two fresh ones");
    }
}

package dev.berth.server.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.berth.model.ErrorCode;
import dev.berth.model.RegistryError;
import dev.berth.model.manifest.Manifest;
import dev.berth.server.internal.pipeline.Call;
import dev.berth.server.internal.pipeline.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BodyLimitsTest {
    private final AtomicLong readByApi = new AtomicLong(-1);

    // Reads the body as the registry does; takes a failed read for a client gone away and answers nothing.
    private final Handler api = call -> {
        try (InputStream in = call.exchange().requestBody()) {
            readByApi.set(in.transferTo(java.io.OutputStream.nullOutputStream()));
        } catch (IOException clientGone) {
            return;
        }
        call.exchange().respond(201, 0).close();
    };

    private static void assertTooLarge(FakeExchange ex) {
        assertEquals(413, ex.status());
        assertEquals(List.of("close"), ex.responseHeaderValues("Connection"));
        List<RegistryError> errors = RegistryError.parseBody(ex.sentBody().getBytes(StandardCharsets.UTF_8));
        assertEquals(ErrorCode.SIZE_INVALID, errors.get(0).code());
    }

    @Test
    void aDeclaredLengthAboveTheManifestLimitIsRefusedUnread() throws Exception {
        FakeExchange ex = new FakeExchange("PUT", "/v2/team/app/manifests/1")
                .header("Content-Length", Long.toString(Manifest.MAX_BYTES + 1L)).body(new byte[16]);
        new BodyLimits(api).handle(new Call(ex));
        assertTooLarge(ex);
        assertEquals(-1, readByApi.get(), "the API never saw the request");
        assertEquals(List.of("application/json; charset=utf-8"), ex.responseHeaderValues("Content-Type"));
    }

    @Test
    void aChunkedBodyIsCutOffWhereItPassesTheLimit() throws Exception {
        FakeExchange ex = new FakeExchange("PUT", "/v2/team/app/manifests/1").header("Transfer-Encoding", "chunked")
                .body(new byte[Manifest.MAX_BYTES + 10]);
        new BodyLimits(api).handle(new Call(ex));
        assertTooLarge(ex);
    }

    @Test
    void aManifestAtTheLimitGoesThrough() throws Exception {
        FakeExchange ex = new FakeExchange("PUT", "/v2/team/app/manifests/1").header("Transfer-Encoding", "chunked")
                .body(new byte[Manifest.MAX_BYTES]);
        new BodyLimits(api).handle(new Call(ex));
        assertEquals(201, ex.status());
        assertEquals(Manifest.MAX_BYTES, readByApi.get());
    }

    @Test
    void uploadsHaveNoLimit() throws Exception {
        FakeExchange ex = new FakeExchange("PATCH", "/v2/team/app/blobs/uploads/abc").header("Transfer-Encoding", "chunked")
                .body(new byte[Manifest.MAX_BYTES * 2]);
        new BodyLimits(api).handle(new Call(ex));
        assertEquals(201, ex.status());
        assertEquals(Manifest.MAX_BYTES * 2L, readByApi.get());

        FakeExchange declared = new FakeExchange("PUT", "/v2/team/app/blobs/uploads/abc?digest=sha256:00")
                .header("Content-Length", "10000000000");
        new BodyLimits(api).handle(new Call(declared));
        assertEquals(201, declared.status());
    }

    @Test
    void otherRoutesTakeSmallBodiesOnly() throws Exception {
        FakeExchange ex = new FakeExchange("DELETE", "/v2/team/app/blobs/sha256:00")
                .header("Content-Length", Long.toString(BodyLimits.SMALL + 1));
        new BodyLimits(api).handle(new Call(ex));
        assertTooLarge(ex);
        FakeExchange small = new FakeExchange("GET", "/v2/_catalog").header("Content-Length", "3").body(new byte[3]);
        new BodyLimits(api).handle(new Call(small));
        assertEquals(201, small.status());
        assertFalse(small.responseHeaders().containsKey("connection"));
    }
}

package dev.berth.server.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.server.internal.pipeline.Call;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseHeadersTest {
    @Test
    void nosniffGoesOnEveryAnswerErrorsIncluded() throws Exception {
        FakeExchange ex = new FakeExchange("GET", "/v2/nothing/manifests/1");
        new ResponseHeaders(Map.of(), call -> ErrorAnswer.send(call.exchange(), 404, dev.berth.model.ErrorCode.MANIFEST_UNKNOWN, "no"))
                .handle(new Call(ex));
        assertEquals(404, ex.status());
        assertEquals(List.of("nosniff"), ex.responseHeaderValues("X-Content-Type-Options"));
    }

    @Test
    void theOperatorsHeadersAreAddedAndReplaceTheDefault() throws Exception {
        Map<String, List<String>> configured = new LinkedHashMap<>();
        configured.put("Strict-Transport-Security", List.of("max-age=31536000"));
        configured.put("X-Team", List.of("a", "b"));
        configured.put("x-content-type-options", List.of("nosniff"));
        FakeExchange ex = new FakeExchange("GET", "/v2/");
        new ResponseHeaders(configured, call -> {
            call.exchange().setHeader("Content-Type", "application/json");
            call.exchange().respond(200, 0).close();
        }).handle(new Call(ex));
        assertEquals(List.of("max-age=31536000"), ex.responseHeaderValues("Strict-Transport-Security"));
        assertEquals(List.of("a", "b"), ex.responseHeaderValues("X-Team"));
        assertEquals(List.of("nosniff"), ex.responseHeaderValues("X-Content-Type-Options"));
        assertEquals(List.of("application/json"), ex.responseHeaderValues("Content-Type"));
    }
}

package dev.berth.examples.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/** {@code GET /api/v1/audit}: the audit log, newest first, paginated. */
final class AuditApi {
    private final AuditLog log;

    AuditApi(AuditLog log) {
        this.log = log;
    }

    void list(ApiRequest request) throws IOException {
        Pages pages = Pages.of(request);
        List<JsonNode> all = log.newestFirst();
        ObjectNode answer = pages.answer(all.size());
        ArrayNode items = answer.putArray("items");
        pages.slice(all).forEach(items::add);
        request.json(200, answer);
    }
}

package dev.berth.examples.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.registries.RegistrySet;
import dev.berth.client.registries.SearchResult;
import java.io.IOException;
import java.util.Optional;

/** {@code POST /api/v1/images/search}: repositories whose name contains the query, in every registry or one. */
final class SearchApi {
    private final RegistrySet registries;

    SearchApi(RegistrySet registries) {
        this.registries = registries;
    }

    void search(ApiRequest request) throws IOException {
        ObjectNode body = request.jsonBody();
        String query = UiJson.text(body, "query").map(String::strip).orElse("");
        Optional<String> registry = UiJson.text(body, "registry").filter(r -> !r.isEmpty());
        if (registry.isPresent() && registries.get(registry.get()).isEmpty()) {
            throw ApiException.notFound("no registry named \"" + registry.get() + "\"");
        }
        SearchResult result = registry.isPresent() ? registries.search(query, registry.get()) : registries.search(query);
        ObjectNode answer = UiJson.object().put("query", query);
        ArrayNode items = answer.putArray("items");
        result.matches().forEach(m -> items.addObject().put("registry", m.registry()).put("repository", m.repository()));
        ArrayNode failures = answer.putArray("failures");
        result.failures().forEach(f -> failures.addObject().put("registry", f.registry())
                .put("failure", f.failure().name()).put("message", f.detail()));
        request.json(200, answer);
    }
}

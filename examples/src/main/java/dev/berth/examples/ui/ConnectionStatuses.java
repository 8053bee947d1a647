package dev.berth.examples.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.registries.ConnectionReport;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The last connection test of each registry, as the UI's Status JSON, shown in the registry list. */
final class ConnectionStatuses {
    private final Map<String, ObjectNode> last = new ConcurrentHashMap<>();
    private final Clock clock;

    ConnectionStatuses(Clock clock) {
        this.clock = clock;
    }

    ObjectNode record(ConnectionReport r) {
        ObjectNode n = json(r);
        last.put(r.name(), n);
        return n;
    }

    /** Records a test unless one is known already (a newer one, the page's). */
    void recordIfAbsent(ConnectionReport r) {
        last.putIfAbsent(r.name(), json(r));
    }

    private ObjectNode json(ConnectionReport r) {
        return UiJson.object().put("ok", r.ok()).put("reachable", r.reachable())
                .put("authenticated", r.authenticated()).put("apiVersion", r.apiVersion().orElse(null))
                .put("authScheme", r.authScheme().orElse(null)).put("latencyMs", r.latency().toMillis())
                .put("failure", r.failure().map(Enum::name).orElse(null)).put("detail", r.detail())
                .put("checkedAt", clock.instant().toString());
    }

    Optional<ObjectNode> of(String name) {
        return Optional.ofNullable(last.get(name));
    }

    void forget(String name) {
        last.remove(name);
    }
}

package dev.berth.server.internal.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.events.send.SenderMetrics;
import dev.berth.model.internal.Json;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.MetadataStore;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * The registry's health as {@code /debug/health} answers it:
 *
 * <pre>{"status":"up","storage":{"status":"up","ms":2},"notifications":{"status":"up","endpoints":[...]}}</pre>
 *
 * {@code status} is {@code up} when every check is. Storage: a repository read from the metadata store, and an
 * upload session opened, written to and cancelled in the blob store. Notifications: {@code down} while an
 * endpoint's queue is full, as new events are then dropped; each endpoint with its counters.
 */
public final class Health {
    static final String PROBE_REPOSITORY = "berth-health-probe";

    private final BlobStore blobs;
    private final MetadataStore metadata;
    private final List<NotificationEndpoint> endpoints;

    /**
     * @param blobs     the blob store to probe
     * @param metadata  the metadata store to probe
     * @param endpoints the notification endpoints
     */
    public Health(BlobStore blobs, MetadataStore metadata, List<NotificationEndpoint> endpoints) {
        this.blobs = blobs;
        this.metadata = metadata;
        this.endpoints = List.copyOf(endpoints);
    }

    /** @return the report; its {@code status} is {@code up} or {@code down} */
    public ObjectNode check() {
        ObjectNode report = Json.mapper().createObjectNode();
        report.put("status", "up"); // first, for whoever reads the JSON; replaced in place below
        ObjectNode storage = storage();
        ObjectNode notifications = notifications();
        boolean up = storage.get("status").asText().equals("up") && notifications.get("status").asText().equals("up");
        report.put("status", up ? "up" : "down");
        report.set("storage", storage);
        report.set("notifications", notifications);
        return report;
    }

    private ObjectNode storage() {
        ObjectNode node = Json.mapper().createObjectNode();
        long start = System.nanoTime();
        try {
            metadata.listRepositories("", 1);
            String id = blobs.createUpload(PROBE_REPOSITORY);
            try {
                blobs.appendUpload(id, 0, new ByteArrayInputStream(new byte[] {'o', 'k'}));
            } finally {
                blobs.cancelUpload(id);
            }
            node.put("status", "up");
        } catch (RuntimeException e) {
            node.put("status", "down");
            node.put("error", String.valueOf(e.getMessage()));
        }
        node.put("ms", (System.nanoTime() - start) / 1_000_000);
        return node;
    }

    private ObjectNode notifications() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("status", "up"); // first, for whoever reads the JSON; replaced in place below
        ArrayNode list = node.putArray("endpoints");
        boolean up = true;
        for (NotificationEndpoint e : endpoints) {
            SenderMetrics m = e.sender().metrics();
            boolean full = m.pending() >= e.config().queueCapacity();
            up &= !full;
            list.addObject().put("name", e.config().name()).put("status", full ? "down" : "up").put("pending", m.pending())
                    .put("capacity", e.config().queueCapacity()).put("sent", m.sent()).put("failed", m.failed())
                    .put("dropped", m.dropped());
        }
        node.put("status", up ? "up" : "down");
        return node;
    }
}

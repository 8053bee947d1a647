package dev.berth.events.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.events.EventParseException;
import dev.berth.model.internal.Json;
import java.io.IOException;
import dev.berth.events.EventFormat;
import dev.berth.events.RegistryEvent;
import dev.berth.model.internal.JsonFields;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Readers for Azure Container Registry's events: its own webhook (one event in
 * distribution's shape, no {@code events} wrapper) and the same event as the
 * {@code data} of an Event Grid event, in Event Grid's own schema or in the
 * CloudEvents 1.0 schema.
 */
public final class AzureParsers {
    /** The event Event Grid sends to a new webhook subscription to prove the endpoint wants events. */
    public static final String SUBSCRIPTION_VALIDATION = "Microsoft.EventGrid.SubscriptionValidationEvent";
    /** The extension field holding an Event Grid event's envelope (its fields but {@code data}). */
    public static final String ENVELOPE = "envelope";
    private static final String TYPE_PREFIX = "Microsoft.ContainerRegistry.";

    private AzureParsers() {
    }

    /**
     * @param body a request Event Grid sent with {@code aeg-event-type: SubscriptionValidation}
     * @return the {@code data.validationCode} of its {@value #SUBSCRIPTION_VALIDATION}, if it holds one
     * @throws EventParseException if the body is not JSON
     */
    public static Optional<String> validationCode(byte[] body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new EventParseException("Event Grid subscription validation: not valid JSON", e);
        }
        if (root == null) {
            return Optional.empty();
        }
        Iterable<JsonNode> events = root.isArray() ? root : List.of(root);
        for (JsonNode event : events) {
            JsonNode code = event.path("data").path("validationCode");
            if (SUBSCRIPTION_VALIDATION.equals(event.path("eventType").asText()) && code.isTextual()) {
                return Optional.of(code.textValue());
            }
        }
        return Optional.empty();
    }

    /** ACR's own webhook: the body is one event. */
    public static List<RegistryEvent> acr(JsonFields root) {
        return List.of(EventJson.read(root, EventFormat.ACR));
    }

    /**
     * One event in Event Grid's schema ({@code id}, {@code eventType}, {@code eventTime}, {@code data}).
     *
     * @return the event, or none for Event Grid's subscription validation (it carries no registry event)
     */
    public static Optional<RegistryEvent> eventGrid(JsonFields e) {
        String type = e.string("eventType");
        if (type.equals(SUBSCRIPTION_VALIDATION)) {
            return Optional.empty();
        }
        return Optional.of(fromData(e, e.string("id"), EventJson.time(e, "eventTime"), type, EventFormat.EVENT_GRID));
    }

    /** One CloudEvent of Event Grid's CloudEvents schema ({@code id}, {@code type}, {@code time}, {@code data}). */
    public static Optional<RegistryEvent> eventGridCloudEvent(JsonFields e) {
        String type = e.string("type");
        if (type.equals(SUBSCRIPTION_VALIDATION)) {
            return Optional.empty();
        }
        Instant time = e.has("time") ? EventJson.time(e, "time") : null;
        return Optional.of(fromData(e, e.string("id"), time, type, EventFormat.EVENT_GRID_CLOUDEVENTS));
    }

    /**
     * Reads the ACR event in {@code data}. Its own id and time win (ACR's webhook for the same push carries
     * them too); the envelope's stand in where data lacks them, and the type names the action when data does not.
     */
    private static RegistryEvent fromData(JsonFields envelope, String envelopeId, Instant envelopeTime, String type,
                                          EventFormat format) {
        ObjectNode event = envelope.object("data").node().deepCopy();
        if (OptionalFields.text(event, "id").isEmpty()) {
            event.put("id", envelopeId);
        }
        if (!event.hasNonNull("timestamp") && envelopeTime != null) {
            event.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(envelopeTime));
        }
        if (OptionalFields.text(event, "action").isBlank()) {
            event.put("action", actionOf(type));
        }
        RegistryEvent read = EventJson.read(JsonFields.root(event, format + " event data"), format);
        // the envelope names the registry's Azure resource (topic or source) and the subject: kept beside the event
        ObjectNode rest = envelope.node().deepCopy();
        rest.remove("data");
        return new RegistryEvent(read.id(), read.timestamp(), read.action(), read.target(), read.request(), read.actor(),
                read.source(), read.format(), read.extensions().with(ENVELOPE, rest));
    }

    /** @return {@code Microsoft.ContainerRegistry.ImagePushed} as ACR's webhook names it: push, delete, chart_push... */
    static String actionOf(String type) {
        String name = type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
        switch (name) {
            case "ImagePushed": return "push";
            case "ImageDeleted": return "delete";
            case "ChartPushed": return "chart_push";
            case "ChartDeleted": return "chart_delete";
            default: return name.isBlank() ? "unknown" : name.toLowerCase(Locale.ROOT);
        }
    }
}

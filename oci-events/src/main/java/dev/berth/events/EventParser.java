package dev.berth.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.events.internal.AzureParsers;
import dev.berth.events.internal.CloudEvents;
import dev.berth.events.internal.FormatDetector;
import dev.berth.events.internal.QuayParser;
import dev.berth.events.internal.WebhookParsers;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.OciException;
import dev.berth.model.internal.Json;
import dev.berth.model.internal.JsonFields;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads registry webhooks into {@link RegistryEvent}s. The format is detected
 * from the headers and the body ({@link #detect}), or given explicitly. A body
 * is read completely or not at all: a body that is not a webhook, or an event
 * without what it cannot do without (its id, time, action and repository), is
 * an {@link EventParseException} and no events are returned. Any other field
 * of an unexpected type reads as absent, and fields Berth does not know are
 * kept ({@link RegistryEvent#extensions()}, {@link EventTarget#extensions()}):
 * refusing a webhook over a field no one needs makes distribution redeliver
 * it forever, holding back every event after it.
 *
 * <pre>{@code
 * List<RegistryEvent> events = EventParser.parse(request.headers(), request.body());
 * }</pre>
 */
public final class EventParser {
    /** distribution 2.x's notification media type. */
    public static final String DISTRIBUTION_V1 = FormatDetector.DISTRIBUTION_V1;
    /** distribution 3's notification media type (same body). */
    public static final String DISTRIBUTION_V2 = FormatDetector.DISTRIBUTION_V2;

    private EventParser() {
    }

    /**
     * @param headers the request headers (names in any case)
     * @param body    the request body
     * @return the events, in the order the body lists them
     * @throws EventParseException if the format is unknown or the body is malformed
     * @throws InvalidArgumentException if an argument is null
     */
    public static List<RegistryEvent> parse(Map<String, List<String>> headers, byte[] body) {
        JsonNode root = readBody(headers, body);
        return parse(FormatDetector.detect(headers, root), headers, root);
    }

    /**
     * @param format  the format to read, overriding detection
     * @param headers the request headers
     * @param body    the request body
     * @return the events
     * @throws EventParseException if the body is not valid in that format
     * @throws InvalidArgumentException if an argument is null
     */
    public static List<RegistryEvent> parse(EventFormat format, Map<String, List<String>> headers, byte[] body) {
        InvalidArgumentException.requireNonNull(format, "format");
        return parse(format, headers, readBody(headers, body));
    }

    /**
     * Works out the format from the headers and the body's shape; every format is recognised by fields no other
     * has, so a body fits one format at most. CloudEvents (Harbor's, zot's, Event Grid's) are told apart by their
     * data, not their type, since zot's type prefix is configurable.
     *
     * @param body the request's body
     * @param headers the request's headers, by name in any case
     * @return the format the request is in
     * @throws EventParseException if no known format fits
     * @throws InvalidArgumentException if an argument is null
     */
    public static EventFormat detect(Map<String, List<String>> headers, byte[] body) {
        return FormatDetector.detect(headers, readBody(headers, body));
    }

    private static List<RegistryEvent> parse(EventFormat format, Map<String, List<String>> headers, JsonNode body) {
        boolean cloudEvent = format == EventFormat.HARBOR_CLOUDEVENTS || format == EventFormat.ZOT_CLOUDEVENTS
                || format == EventFormat.EVENT_GRID_CLOUDEVENTS;
        JsonNode root = cloudEvent && CloudEvents.isBinary(headers) ? CloudEvents.structured(headers, body) : body;
        if (!root.isArray()) {
            return parseOne(format, (ObjectNode) root);
        }
        if (!FormatDetector.batchable(format)) {
            throw new EventParseException(format + " webhook: expected a JSON object, found an array");
        }
        List<RegistryEvent> events = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            if (!root.get(i).isObject()) {
                throw new EventParseException(format + " webhook [" + i + "]: expected an event object, found "
                        + Json.kind(root.get(i)));
            }
            try {
                events.addAll(parseOne(format, (ObjectNode) root.get(i)));
            } catch (EventParseException e) {
                throw new EventParseException("[" + i + "] " + e.getMessage(), e);
            }
        }
        return List.copyOf(events);
    }

    private static List<RegistryEvent> parseOne(EventFormat format, ObjectNode root) {
        JsonFields fields = JsonFields.root(root, format + " webhook");
        try {
            switch (format) {
                case DISTRIBUTION: return List.copyOf(WebhookParsers.distribution(fields));
                case HARBOR: return List.copyOf(WebhookParsers.harbor(fields));
                case HARBOR_CLOUDEVENTS: return List.copyOf(WebhookParsers.harborCloudEvent(fields));
                case ZOT_CLOUDEVENTS: return List.copyOf(WebhookParsers.zot(fields));
                case DOCKER_HUB: return List.copyOf(WebhookParsers.dockerHub(fields));
                case ACR: return AzureParsers.acr(fields);
                case EVENT_GRID: return AzureParsers.eventGrid(fields).map(List::of).orElse(List.of());
                case EVENT_GRID_CLOUDEVENTS: return AzureParsers.eventGridCloudEvent(fields).map(List::of).orElse(List.of());
                case QUAY: return QuayParser.parse(fields, Instant.now());
                default: throw new EventParseException("unsupported format " + format);
            }
        } catch (EventParseException e) {
            throw e;
        } catch (OciException | IllegalArgumentException e) {
            throw new EventParseException(e.getMessage(), e);
        }
    }

    private static JsonNode readBody(Map<String, List<String>> headers, byte[] body) {
        InvalidArgumentException.requireNonNull(headers, "headers");
        if (InvalidArgumentException.requireNonNull(body, "body").length == 0) {
            throw new EventParseException("empty webhook body");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (IOException e) { // also Jackson's nesting and length limits on hostile bodies
            String reason = String.valueOf(e.getMessage());
            int line = reason.indexOf('\n');
            throw new EventParseException("webhook body: not valid JSON: " + (line < 0 ? reason : reason.substring(0, line)), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new EventParseException("empty webhook body");
        }
        if (!root.isObject() && !root.isArray()) {
            throw new EventParseException("webhook body: expected a JSON object or array, found " + Json.kind(root));
        }
        return root;
    }
}

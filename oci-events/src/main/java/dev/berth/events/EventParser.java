package dev.berth.events;

import dev.berth.model.InvalidArgumentException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.events.internal.Headers;
import dev.berth.events.internal.WebhookParsers;
import dev.berth.model.MalformedContentException;
import dev.berth.model.MediaType;
import dev.berth.model.OciException;
import dev.berth.model.internal.Json;
import dev.berth.model.internal.JsonFields;
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
    public static final String DISTRIBUTION_V1 = "application/vnd.docker.distribution.events.v1+json";
    /** distribution 3's notification media type (same body). */
    public static final String DISTRIBUTION_V2 = "application/vnd.docker.distribution.events.v2+json";

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
        ObjectNode root = readBody(headers, body);
        return parse(detect(headers, root), headers, root);
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
     * Works out the format: CloudEvents headers, distribution's media type, then the body's shape.
     *
     * @param body the request's body
     * @param headers the request's headers, by name in any case
     * @return the format the request is in
     * @throws EventParseException if no known format fits
     * @throws InvalidArgumentException if an argument is null
     */
    public static EventFormat detect(Map<String, List<String>> headers, byte[] body) {
        return detect(headers, readBody(headers, body));
    }

    private static EventFormat detect(Map<String, List<String>> headers, ObjectNode root) {
        String ceType = Headers.first(headers, "ce-type").orElse(root.path("specversion").isTextual()
                ? root.path("type").asText("") : "");
        if (ceType.startsWith("zotregistry.")) {
            return EventFormat.ZOT_CLOUDEVENTS;
        }
        if (ceType.startsWith("harbor.")) {
            return EventFormat.HARBOR_CLOUDEVENTS;
        }
        String contentType = MediaType.normalize(Headers.first(headers, "content-type").orElse(""));
        if (contentType.equals(DISTRIBUTION_V1) || contentType.equals(DISTRIBUTION_V2) || root.has("events")) {
            return EventFormat.DISTRIBUTION;
        }
        if (root.has("event_data") && root.has("type")) {
            return EventFormat.HARBOR;
        }
        if (root.has("push_data") && root.has("repository")) {
            return EventFormat.DOCKER_HUB;
        }
        throw new EventParseException("unrecognised webhook: neither distribution's {\"events\":[...]}, Harbor, zot"
                + " nor Docker Hub (content type \"" + contentType + "\")");
    }

    private static List<RegistryEvent> parse(EventFormat format, Map<String, List<String>> headers, ObjectNode root) {
        JsonFields fields = JsonFields.root(root, format + " webhook");
        try {
            switch (format) {
                case DISTRIBUTION: return List.copyOf(WebhookParsers.distribution(fields));
                case HARBOR: return List.copyOf(WebhookParsers.harbor(fields));
                case HARBOR_CLOUDEVENTS: return List.copyOf(WebhookParsers.harborCloudEvent(fields));
                case ZOT_CLOUDEVENTS: return List.copyOf(WebhookParsers.zot(headers, fields));
                case DOCKER_HUB: return List.copyOf(WebhookParsers.dockerHub(fields));
                default: throw new EventParseException("unsupported format " + format);
            }
        } catch (EventParseException e) {
            throw e;
        } catch (OciException | IllegalArgumentException e) {
            throw new EventParseException(e.getMessage(), e);
        }
    }

    private static ObjectNode readBody(Map<String, List<String>> headers, byte[] body) {
        InvalidArgumentException.requireNonNull(headers, "headers");
        if (InvalidArgumentException.requireNonNull(body, "body").length == 0) {
            throw new EventParseException("empty webhook body");
        }
        try {
            return Json.readObject(body, "webhook body");
        } catch (MalformedContentException e) {
            throw new EventParseException(e.getMessage(), e);
        }
    }
}

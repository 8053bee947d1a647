package dev.berth.events.internal;

import static dev.berth.events.internal.OptionalFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.events.EventAction;
import dev.berth.events.EventFormat;
import dev.berth.events.EventRequest;
import dev.berth.events.EventSource;
import dev.berth.events.EventTarget;
import dev.berth.events.RegistryEvent;
import dev.berth.model.Extensions;
import dev.berth.model.MalformedContentException;
import dev.berth.model.internal.Json;
import dev.berth.model.internal.JsonFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Quay's repository push notification ({@code repo_push}): one push event per
 * updated tag. {@code updated_tags} is an array of tag names (Quay 3.x) or a map
 * of tag to image id (older quay.io).
 *
 * <p>The payload has neither an id nor a time: the event's time is its arrival,
 * and its id derives from the repository, the tag and the image id where Quay
 * gives one (a redelivery is then the same event); without an image id, the
 * arrival second goes into the id, because two pushes of one tag send identical
 * bodies and losing the second push would be worse than keeping a redelivery.
 */
public final class QuayParser {
    private static final Set<String> READ = Set.of("repository", "updated_tags");

    private QuayParser() {
    }

    /**
     * @param root       the notification
     * @param receivedAt when it arrived
     * @return one event per updated tag, in the order Quay lists them
     */
    public static List<RegistryEvent> parse(JsonFields root, Instant receivedAt) {
        String repository = root.string("repository");
        ObjectNode node = root.node();
        // docker_url is the pull name, e.g. quay.io/namespace/repo: its first segment is the registry host
        String dockerUrl = text(node, "docker_url");
        String host = dockerUrl.indexOf('/') > 0 ? dockerUrl.substring(0, dockerUrl.indexOf('/')) : "";
        Map<String, String> tags = updatedTags(root);
        Extensions extensions = root.unknown(READ);
        List<RegistryEvent> events = new ArrayList<>();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String imageId = tag.getValue();
            EventTarget.Builder target = EventTarget.builder(repository).tag(tag.getKey());
            if (!imageId.isEmpty()) {
                target.extensions(Extensions.none().with("imageId", Json.mapper().getNodeFactory().textNode(imageId)));
            }
            String id = WebhookParsers.derivedId("quay|" + repository + "|" + tag.getKey() + "|"
                    + (imageId.isEmpty() ? "received " + receivedAt.getEpochSecond() : imageId));
            events.add(new RegistryEvent(id, receivedAt, EventAction.PUSH, target.build(),
                    new EventRequest("", "", host, "", ""), "", EventSource.NONE, EventFormat.QUAY, extensions));
        }
        return events;
    }

    /** @return tag to image id (empty for the array form), in document order */
    private static Map<String, String> updatedTags(JsonFields root) {
        JsonNode v = root.node().get("updated_tags");
        Map<String, String> tags = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            throw root.error("updated_tags", "required field is missing (only repository push notifications carry events)");
        }
        if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                tags.put(tagName(v.get(i), "updated_tags[" + i + "]"), "");
            }
        } else if (v.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                tags.put(tagName(Json.mapper().getNodeFactory().textNode(e.getKey()), "updated_tags"),
                        e.getValue().isTextual() ? e.getValue().textValue() : "");
            }
        } else {
            throw root.error("updated_tags", "expected an array of tags or a map of tag to image id, found " + Json.kind(v));
        }
        return tags;
    }

    private static String tagName(JsonNode tag, String path) {
        if (!tag.isTextual() || tag.textValue().isEmpty()) {
            throw new MalformedContentException("QUAY webhook", path, "expected a tag name, found "
                    + (tag.isTextual() ? "an empty string" : Json.kind(tag)));
        }
        return tag.textValue();
    }
}

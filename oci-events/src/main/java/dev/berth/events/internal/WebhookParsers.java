package dev.berth.events.internal;

import static dev.berth.events.internal.OptionalFields.digest;
import static dev.berth.events.internal.OptionalFields.text;

import dev.berth.events.EventAction;
import dev.berth.events.EventFormat;
import dev.berth.events.EventRequest;
import dev.berth.events.EventSource;
import dev.berth.events.EventTarget;
import dev.berth.events.RegistryEvent;
import dev.berth.model.Digest;
import dev.berth.model.internal.JsonFields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Readers for the webhook formats of registries other than distribution. As
 * for distribution's, only what an event needs is checked (an id or what
 * derives one, a time, a repository); optional fields of unexpected types read
 * as absent ({@link OptionalFields}).
 * Formats without event ids (Harbor's own, Docker Hub's) get ids derived from
 * their content, so a redelivery is recognised as the same event.
 */
public final class WebhookParsers {
    private WebhookParsers() {
    }

    /** distribution's envelope: every element of {@code events}. */
    public static List<RegistryEvent> distribution(JsonFields root) {
        if (!root.hasArray("events")) {
            throw root.error("events", root.has("events") ? "expected an array" : "required field is missing");
        }
        List<RegistryEvent> events = new ArrayList<>();
        for (JsonFields e : root.objects("events")) {
            events.add(EventJson.read(e, EventFormat.DISTRIBUTION));
        }
        return events;
    }

    /** Harbor's own payload: one event per resource. */
    public static List<RegistryEvent> harbor(JsonFields root) {
        String type = root.string("type");
        long occurAt = root.size("occur_at");
        String operator = text(root.node(), "operator");
        JsonFields data = root.object("event_data");
        return harborResources(data, harborAction(type), Instant.ofEpochSecond(occurAt), operator,
                null, "harbor|" + type + "|" + occurAt, EventFormat.HARBOR);
    }

    /** Harbor's CloudEvents payload (structured mode): one event per resource. */
    public static List<RegistryEvent> harborCloudEvent(JsonFields root) {
        String type = root.string("type");
        String id = root.string("id");
        Instant time = EventJson.time(root, "time");
        String operator = text(root.node(), "operator");
        JsonFields data = root.object("data");
        String action = type.startsWith("harbor.artifact.") ? harborAction(type.substring("harbor.artifact.".length())) : type;
        return harborResources(data, action, time, operator, id, null, EventFormat.HARBOR_CLOUDEVENTS);
    }

    private static List<RegistryEvent> harborResources(JsonFields data, String action, Instant time, String operator,
                                                       String eventId, String idSeed, EventFormat format) {
        JsonFields repo = data.object("repository");
        String fullName = text(repo.node(), "repo_full_name");
        String repository = !fullName.isEmpty() ? fullName : text(repo.node(), "namespace") + "/" + repo.string("name");
        List<JsonFields> resources = data.objects("resources");
        List<RegistryEvent> events = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            JsonFields r = resources.get(i);
            Optional<Digest> digest = digest(r.node(), "digest");
            String tag = text(r.node(), "tag");
            EventTarget.Builder target = EventTarget.builder(repository).tag(tag).url(text(r.node(), "resource_url"));
            digest.ifPresent(target::digest);
            String id = eventId != null
                    ? (resources.size() == 1 ? eventId : eventId + "#" + i)
                    : derivedId(idSeed + "|" + repository + "|" + digest.map(Digest::toString).orElse("") + "|" + tag);
            events.add(new RegistryEvent(id, time, EventAction.of(action), target.build(), EventRequest.NONE, operator,
                    EventSource.NONE, format));
        }
        return events;
    }

    // Harbor types: PUSH_ARTIFACT / pushed, PULL_ARTIFACT / pulled, DELETE_ARTIFACT / deleted; others kept as named.
    private static String harborAction(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.equals("push_artifact") || t.equals("pushed")) {
            return EventAction.PUSH.name();
        }
        if (t.equals("pull_artifact") || t.equals("pulled")) {
            return EventAction.PULL.name();
        }
        if (t.equals("delete_artifact") || t.equals("deleted")) {
            return EventAction.DELETE.name();
        }
        return t;
    }

    /**
     * zot's CloudEvent: attributes from {@code ce-*} headers (binary mode) or
     * from the body (structured mode); data carries name, reference, digest, mediaType.
     */
    public static List<RegistryEvent> zot(Map<String, List<String>> headers, JsonFields body) {
        boolean binary = Headers.first(headers, "ce-type").isPresent();
        JsonFields data = binary ? body : body.object("data");
        String type = binary ? Headers.first(headers, "ce-type").get() : body.string("type");
        String id = binary ? Headers.first(headers, "ce-id").orElse("") : body.string("id");
        if (id.isEmpty()) {
            throw new dev.berth.model.MalformedContentException("zot CloudEvent", "ce-id", "required attribute is missing");
        }
        String source = binary ? Headers.first(headers, "ce-source").orElse("") : text(body.node(), "source");
        Instant time = binary
                ? Headers.first(headers, "ce-time").map(WebhookParsers::headerTime).orElseGet(Instant::now)
                : body.has("time") ? EventJson.time(body, "time") : Instant.now();
        String action;
        switch (type) {
            case "zotregistry.image.updated": action = EventAction.PUSH.name(); break;
            case "zotregistry.image.deleted": action = EventAction.DELETE.name(); break;
            default: action = type.startsWith("zotregistry.") ? type.substring("zotregistry.".length()) : type;
        }
        String reference = text(data.node(), "reference");
        Optional<Digest> digest = digest(data.node(), "digest");
        boolean referenceIsDigest = Digest.tryParse(reference).isPresent();
        if (digest.isEmpty() && referenceIsDigest) {
            digest = Digest.tryParse(reference);
        }
        String manifest = text(data.node(), "manifest");
        int manifestSize = manifest.getBytes(StandardCharsets.UTF_8).length;
        EventTarget.Builder target = EventTarget.builder(data.string("name")).tag(referenceIsDigest ? "" : reference)
                .mediaType(text(data.node(), "mediaType")).size(manifestSize).length(manifestSize);
        digest.ifPresent(target::digest);
        return List.of(new RegistryEvent(id, time, EventAction.of(action), target.build(), EventRequest.NONE, "",
                new EventSource(source, ""), EventFormat.ZOT_CLOUDEVENTS));
    }

    /** Docker Hub's push webhook. */
    public static List<RegistryEvent> dockerHub(JsonFields root) {
        JsonFields push = root.object("push_data");
        JsonFields repo = root.object("repository");
        String repository = repo.string("repo_name");
        String tag = text(push.node(), "tag");
        long pushedAt = push.size("pushed_at");
        String pusher = text(push.node(), "pusher");
        String id = derivedId("dockerhub|" + repository + "|" + tag + "|" + pushedAt + "|" + text(root.node(), "callback_url"));
        EventTarget target = EventTarget.builder(repository).tag(tag).url(text(repo.node(), "repo_url")).build();
        return List.of(new RegistryEvent(id, Instant.ofEpochSecond(pushedAt), EventAction.PUSH, target,
                EventRequest.NONE, pusher, new EventSource("hub.docker.com", ""), EventFormat.DOCKER_HUB));
    }

    private static Instant headerTime(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new dev.berth.model.MalformedContentException("zot CloudEvent", "ce-time", "not an RFC 3339 time: \"" + text + "\"");
        }
    }

    private static String derivedId(String seed) {
        return Digest.sha256(seed.getBytes(StandardCharsets.UTF_8)).encoded().substring(0, 32);
    }
}

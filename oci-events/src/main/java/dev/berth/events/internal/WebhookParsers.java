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
import java.util.Optional;
import java.util.Set;

/**
 * Readers for distribution's envelope and the webhooks of Harbor, zot and Docker Hub (ACR's and Event Grid's
 * are {@link AzureParsers}, Quay's {@link QuayParser}). Only what an event needs is checked (an id or what
 * derives one, a time, a repository); optional fields of unexpected types read
 * as absent ({@link OptionalFields}).
 * Formats without event ids (Harbor's own, Docker Hub's) get ids derived from
 * their content, so a redelivery is recognised as the same event.
 */
public final class WebhookParsers {
    private static final Set<String> HARBOR_RESOURCE_FIELDS = Set.of("digest", "tag", "resource_url");

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

    /**
     * Harbor's own payload: one event per resource. Payloads about no repository (replication, tag retention)
     * carry no registry event and read as none.
     */
    public static List<RegistryEvent> harbor(JsonFields root) {
        String type = root.string("type");
        long occurAt = root.size("occur_at");
        String operator = text(root.node(), "operator");
        JsonFields data = root.object("event_data");
        return harborResources(data, harborAction(type), Instant.ofEpochSecond(occurAt), operator, "",
                null, "harbor|" + type + "|" + occurAt, EventFormat.HARBOR);
    }

    /** Harbor's CloudEvents payload (structured mode): one event per resource. */
    public static List<RegistryEvent> harborCloudEvent(JsonFields root) {
        String type = root.string("type");
        String id = root.string("id");
        Instant time = EventJson.time(root, "time");
        String operator = text(root.node(), "operator");
        JsonFields data = root.object("data");
        String action = type.startsWith("harbor.artifact.") ? harborAction(type.substring("harbor.artifact.".length()))
                : type.startsWith("harbor.") ? type.substring("harbor.".length()) : type;
        return harborResources(data, action, time, operator, text(root.node(), "requestid"), id, null,
                EventFormat.HARBOR_CLOUDEVENTS);
    }

    private static List<RegistryEvent> harborResources(JsonFields data, String action, Instant time, String operator,
                                                       String requestId, String eventId, String idSeed,
                                                       EventFormat format) {
        List<JsonFields> resources = data.objects("resources");
        if (aboutNoRepository(action) && !data.has("repository") && resources.isEmpty()) {
            return List.of();
        }
        JsonFields repo = data.object("repository");
        String fullName = text(repo.node(), "repo_full_name");
        String repository = !fullName.isEmpty() ? fullName : text(repo.node(), "namespace") + "/" + repo.string("name");
        List<RegistryEvent> events = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            JsonFields r = resources.get(i);
            Optional<Digest> digest = digest(r.node(), "digest");
            // Harbor puts the digest in "tag" when the artifact was pushed by digest: that is no tag
            String tag = Digest.tryParse(text(r.node(), "tag")).isPresent() ? "" : text(r.node(), "tag");
            String resourceUrl = text(r.node(), "resource_url");
            EventTarget.Builder target = EventTarget.builder(repository).tag(tag).url(resourceUrl)
                    .extensions(r.unknown(HARBOR_RESOURCE_FIELDS)); // scan_overview, for a scan's events
            digest.ifPresent(target::digest);
            String id = eventId != null
                    ? (resources.size() == 1 ? eventId : eventId + "#" + i)
                    : derivedId(idSeed + "|" + repository + "|" + digest.map(Digest::toString).orElse("") + "|" + tag);
            events.add(new RegistryEvent(id, time, EventAction.of(action), target.build(),
                    new EventRequest(requestId, "", hostOf(resourceUrl), "", ""), operator, EventSource.NONE, format));
        }
        return events;
    }

    /** @return whether Harbor's events of this type concern no repository (replication runs, tag retention runs) */
    private static boolean aboutNoRepository(String action) {
        return action.contains("replication") || action.contains("retention");
    }

    /**
     * Harbor 1.x named its types in camel case ({@code pushImage}, {@code uploadChart}, {@code scanningCompleted}),
     * 2.x in upper snake case ({@code PUSH_ARTIFACT}, {@code UPLOAD_CHART}, {@code SCANNING_COMPLETED}), and its
     * CloudEvents in past tense ({@code pushed}). All read as snake case, and push, pull and delete as Berth's actions.
     */
    static String harborAction(String type) {
        String t = type.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        switch (t) {
            case "push_artifact": case "push_image": case "pushed": return EventAction.PUSH.name();
            case "pull_artifact": case "pull_image": case "pulled": return EventAction.PULL.name();
            case "delete_artifact": case "delete_image": case "deleted": return EventAction.DELETE.name();
            default: return t.isBlank() ? "unknown" : t;
        }
    }

    /** @return the registry host of a reference such as {@code harbor.example.com/library/nginx:1.25}, or empty */
    static String hostOf(String reference) {
        String r = reference.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int slash = r.indexOf('/');
        if (slash <= 0) {
            return "";
        }
        String first = r.substring(0, slash);
        // a first segment without a dot, a port or "localhost" is a namespace, as docker reads references
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : "";
    }

    /**
     * zot's CloudEvent in structured mode (binary mode is turned into it, {@link CloudEvents#structured}): data
     * carries name, reference, digest, mediaType and, for an update, the manifest. The type's prefix
     * ({@code zotregistry} unless configured) is ignored: its last two segments say what happened.
     */
    public static List<RegistryEvent> zot(JsonFields body) {
        JsonFields data = body.object("data");
        String type = body.string("type");
        String id = body.string("id");
        if (id.isEmpty()) {
            throw body.error("id", "must not be empty");
        }
        String source = text(body.node(), "source");
        Instant time = body.has("time") ? EventJson.time(body, "time") : Instant.now();
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
        return List.of(new RegistryEvent(id, time, EventAction.of(zotAction(type)), target.build(), EventRequest.NONE, "",
                new EventSource(source, ""), EventFormat.ZOT_CLOUDEVENTS));
    }

    // zot's types: PREFIX.image.updated, PREFIX.image.deleted, PREFIX.image.lint_failed, PREFIX.repository.created
    static String zotAction(String type) {
        if (type.endsWith(".image.updated")) {
            return EventAction.PUSH.name();
        }
        if (type.endsWith(".image.deleted")) {
            return EventAction.DELETE.name();
        }
        String[] parts = type.split("\\.");
        String name = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : type;
        return name.isBlank() ? "unknown" : name;
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

    static String derivedId(String seed) {
        return Digest.sha256(seed.getBytes(StandardCharsets.UTF_8)).encoded().substring(0, 32);
    }
}

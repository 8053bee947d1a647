package dev.berth.events;

import dev.berth.model.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Test events, built compactly. */
public final class Events {
    private Events() {
    }

    /** @return a distribution-style manifest event */
    public static RegistryEvent event(String id, Instant at, EventAction action, String repository, String tag, String actor) {
        Digest digest = Digest.sha256((repository + ":" + tag).getBytes(StandardCharsets.UTF_8));
        EventTarget target = EventTarget.builder(repository).tag(tag).digest(digest)
                .mediaType("application/vnd.oci.image.manifest.v1+json").size(400).length(400)
                .url("http://127.0.0.1:5000/v2/" + repository + "/manifests/" + digest).build();
        return new RegistryEvent(id, at, action, target, new EventRequest("req-" + id, "127.0.0.1:40000",
                "127.0.0.1:5000", "PUT", "test"), actor, new EventSource("host:5000", "instance"), EventFormat.DISTRIBUTION);
    }

    /** @return a push of {@code repository:tag} at {@code epochSecond} */
    public static RegistryEvent push(String id, long epochSecond, String repository, String tag) {
        return event(id, Instant.ofEpochSecond(epochSecond), EventAction.PUSH, repository, tag, "alice");
    }
}

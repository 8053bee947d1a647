package dev.berth.events;

/** The webhook formats Berth reads. */
public enum EventFormat {
    /** distribution's notification envelope, {@code {"events":[...]}} (v1 from 2.x, v2 from 3.x). */
    DISTRIBUTION,
    /** Harbor's own webhook payload: {@code type}, {@code occur_at}, {@code event_data}. */
    HARBOR,
    /** Harbor's CloudEvents payload, types {@code harbor.artifact.*}. */
    HARBOR_CLOUDEVENTS,
    /** zot's CloudEvents, types {@code zotregistry.*}, binary or structured mode. */
    ZOT_CLOUDEVENTS,
    /** Docker Hub's repository webhook: {@code push_data} and {@code repository}. */
    DOCKER_HUB
}

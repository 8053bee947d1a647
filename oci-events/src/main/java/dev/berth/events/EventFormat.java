package dev.berth.events;

/** The webhook formats Berth reads; {@link EventParser#detect} tells them apart by headers and shape. */
public enum EventFormat {
    /** distribution's notification envelope, {@code {"events":[...]}} (v1 from 2.x, v2 from 3.x). */
    DISTRIBUTION,
    /**
     * Harbor's own ("Default") webhook payload: {@code type}, {@code occur_at}, {@code event_data}; the v1 type
     * names ({@code pushImage}, {@code pullImage}, {@code deleteImage}, ...) and the v2 ones ({@code PUSH_ARTIFACT},
     * ...).
     */
    HARBOR,
    /** Harbor's CloudEvents payload, types {@code harbor.artifact.*}; its data holds {@code resources} and {@code repository}. */
    HARBOR_CLOUDEVENTS,
    /**
     * zot's CloudEvents, binary or structured mode, told apart by their data ({@code name}, {@code reference},
     * {@code digest}, {@code mediaType}, {@code manifest}) since zot lets the type prefix and source be changed.
     */
    ZOT_CLOUDEVENTS,
    /** Docker Hub's repository webhook: {@code push_data} and {@code repository}. */
    DOCKER_HUB,
    /** Azure Container Registry's own webhook: one event in distribution's shape, without the {@code events} wrapper. */
    ACR,
    /**
     * Azure Event Grid's own schema ({@code eventType}, {@code eventTime}, {@code data}) carrying ACR events
     * ({@code Microsoft.ContainerRegistry.ImagePushed}, ...), an array of them or one.
     */
    EVENT_GRID,
    /**
     * Azure Event Grid's CloudEvents 1.0 schema carrying ACR events ({@code type}
     * {@code Microsoft.ContainerRegistry.ImagePushed}, ...), an array of them or one.
     */
    EVENT_GRID_CLOUDEVENTS,
    /** Quay's repository push notification: {@code repository}, {@code docker_url}, {@code updated_tags}. */
    QUAY
}

package dev.berth.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Webhook bodies as each registry documents them, under
 * {@code src/test/resources/webhooks/}: the shapes (field names, nesting,
 * types, header names) are the documentation's, the values are ours. Each
 * entry names the page its shape comes from.
 */
public final class WebhookFixtures {
    private static final String JSON = "application/json";
    private static final String CLOUDEVENT = "application/cloudevents+json; charset=utf-8";
    private static final String CLOUDEVENT_BATCH = "application/cloudevents-batch+json; charset=utf-8";

    /**
     * One documented webhook request.
     *
     * @param file    the body, under {@code webhooks/}
     * @param format  the format it must be detected as
     * @param headers the request headers the registry sends
     * @param source  where its shape is documented
     */
    public record Fixture(String file, EventFormat format, Map<String, List<String>> headers, String source) {
        /** @return the body's bytes */
        public byte[] body() {
            try (InputStream in = WebhookFixtures.class.getResourceAsStream("/webhooks/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("no fixture webhooks/" + file);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return file;
        }
    }

    /** @return the headers of a {@code NAME.headers} file, one {@code Name: value} a line */
    private static Map<String, List<String>> headersFile(String file) {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        try (InputStream in = WebhookFixtures.class.getResourceAsStream("/webhooks/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no fixture webhooks/" + file);
            }
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim(), List.of(line.substring(colon + 1).trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(headers);
    }

    private static Map<String, List<String>> contentType(String type) {
        return Map.of("Content-Type", List.of(type));
    }

    public static final List<Fixture> ALL = List.of(
            // https://distribution.github.io/distribution/about/notifications/ (the envelope and event fields)
            new Fixture("distribution/push.json", EventFormat.DISTRIBUTION, contentType(EventParser.DISTRIBUTION_V1),
                    "https://distribution.github.io/distribution/about/notifications/"),
            // https://learn.microsoft.com/azure/container-registry/container-registry-webhook-reference ("Payload example: image push event")
            new Fixture("acr/push.json", EventFormat.ACR, contentType(JSON),
                    "https://learn.microsoft.com/azure/container-registry/container-registry-webhook-reference"),
            // same page, "Payload example: image delete event" (no size, length or tag)
            new Fixture("acr/delete.json", EventFormat.ACR, contentType(JSON),
                    "https://learn.microsoft.com/azure/container-registry/container-registry-webhook-reference"),
            // same page, "Payload example: chart push event" (no request; target.name and target.version)
            new Fixture("acr/chart_push.json", EventFormat.ACR, contentType(JSON),
                    "https://learn.microsoft.com/azure/container-registry/container-registry-webhook-reference"),
            // https://learn.microsoft.com/azure/event-grid/event-schema-container-registry ("Cloud event schema" example, an array)
            new Fixture("eventgrid/cloudevents-image-pushed.json", EventFormat.EVENT_GRID_CLOUDEVENTS,
                    contentType(CLOUDEVENT_BATCH), "https://learn.microsoft.com/azure/event-grid/event-schema-container-registry"),
            // same page, the image deleted event, delivered alone in structured mode
            new Fixture("eventgrid/cloudevents-image-deleted-single.json", EventFormat.EVENT_GRID_CLOUDEVENTS,
                    contentType(CLOUDEVENT), "https://learn.microsoft.com/azure/event-grid/event-schema-container-registry"),
            // same page, "Event Grid event schema" example (eventType, eventTime, dataVersion, metadataVersion; data with actor and source)
            new Fixture("eventgrid/eventgrid-schema-image-pushed.json", EventFormat.EVENT_GRID,
                    Map.of("Content-Type", List.of(JSON), "aeg-event-type", List.of("Notification")),
                    "https://learn.microsoft.com/azure/event-grid/event-schema-container-registry"),
            // same page, Microsoft.ContainerRegistry.ChartPushed (data.target with name and version, no request)
            new Fixture("eventgrid/eventgrid-schema-chart-pushed.json", EventFormat.EVENT_GRID,
                    Map.of("Content-Type", List.of(JSON), "aeg-event-type", List.of("Notification")),
                    "https://learn.microsoft.com/azure/event-grid/event-schema-container-registry"),
            // https://learn.microsoft.com/azure/event-grid/end-point-validation-event-grid-events-schema (validation event)
            new Fixture("eventgrid/subscription-validation.json", EventFormat.EVENT_GRID,
                    headersFile("eventgrid/subscription-validation.headers"),
                    "https://learn.microsoft.com/azure/event-grid/end-point-validation-event-grid-events-schema"),
            // https://goharbor.io/docs/2.8.0/working-with-projects/project-configuration/configure-webhooks/ ("Artifact pushed", Default)
            new Fixture("harbor/v2-push-artifact.json", EventFormat.HARBOR, contentType(JSON),
                    "https://goharbor.io/docs/2.8.0/working-with-projects/project-configuration/configure-webhooks/"),
            // same page, "Artifact deleted" as Harbor sends it for an artifact pushed by digest: the digest in "tag"
            new Fixture("harbor/v2-delete-by-digest.json", EventFormat.HARBOR, contentType(JSON),
                    "https://goharbor.io/docs/2.8.0/working-with-projects/project-configuration/configure-webhooks/"),
            // same page, "Replication status changed": no repository, no resources
            new Fixture("harbor/v2-replication.json", EventFormat.HARBOR, contentType(JSON),
                    "https://goharbor.io/docs/2.8.0/working-with-projects/project-configuration/configure-webhooks/"),
            // https://goharbor.io/docs/1.10/working-with-projects/project-configuration/configure-webhooks/ (Harbor 1.x, same
            // payload shape, type names pushImage/pullImage/deleteImage/uploadChart/... from Harbor 1.x's notification model)
            new Fixture("harbor/v1-push-image.json", EventFormat.HARBOR, contentType(JSON),
                    "https://goharbor.io/docs/1.10/working-with-projects/project-configuration/configure-webhooks/"),
            new Fixture("harbor/v1-delete-image.json", EventFormat.HARBOR, contentType(JSON),
                    "https://goharbor.io/docs/1.10/working-with-projects/project-configuration/configure-webhooks/"),
            // https://goharbor.io/docs/2.8.0/working-with-projects/project-configuration/configure-webhooks/ ("Artifact pulled", CloudEvents)
            new Fixture("harbor/cloudevents-artifact-pulled.json", EventFormat.HARBOR_CLOUDEVENTS, contentType(CLOUDEVENT),
                    "https://goharbor.io/docs/2.8.0/working-with-projects/project-configuration/configure-webhooks/"),
            // https://zotregistry.dev/v2.1.21/articles/events/ and zot's pkg/extensions/events (events.go: ImageUpdated's data
            // fields; http_sink.go: the CloudEvents SDK's HTTP client, binary mode)
            new Fixture("zot/binary-image-updated.json", EventFormat.ZOT_CLOUDEVENTS,
                    headersFile("zot/binary-image-updated.headers"),
                    "https://zotregistry.dev/v2.1.21/articles/events/"),
            // same page: "source" and "typePrefix" configured (com.example.registry), ImageDeleted's data
            new Fixture("zot/structured-image-deleted-custom-prefix.json", EventFormat.ZOT_CLOUDEVENTS, contentType(CLOUDEVENT),
                    "https://zotregistry.dev/v2.1.21/articles/events/"),
            // same source: RepositoryCreated's data is the name alone
            new Fixture("zot/structured-repository-created.json", EventFormat.ZOT_CLOUDEVENTS, contentType(CLOUDEVENT),
                    "https://zotregistry.dev/v2.1.21/articles/events/"),
            // https://docs.docker.com/docker-hub/repos/manage/webhooks/ ("Example webhook payload")
            new Fixture("dockerhub/push.json", EventFormat.DOCKER_HUB, contentType(JSON),
                    "https://docs.docker.com/docker-hub/repos/manage/webhooks/"),
            // https://docs.redhat.com/en/documentation/red_hat_quay/3.3/html/use_red_hat_quay/repository_notifications ("Repository Push")
            new Fixture("quay/push-tags-array.json", EventFormat.QUAY, contentType(JSON),
                    "https://docs.redhat.com/en/documentation/red_hat_quay/3.3/html/use_red_hat_quay/repository_notifications"),
            // https://gist.github.com/jakedt/7533338 (quay.io's push webhook example: updated_tags as a tag -> image id map)
            new Fixture("quay/push-tags-map.json", EventFormat.QUAY, contentType(JSON),
                    "https://gist.github.com/jakedt/7533338"));

    private WebhookFixtures() {
    }

    /** @return the fixture of that file */
    public static Fixture named(String file) {
        return ALL.stream().filter(f -> f.file().equals(file)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fixture " + file));
    }
}

package dev.berth.events.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.events.WebhookFixtures;
import dev.berth.events.store.EventQuery;
import dev.berth.events.store.InMemoryEventStore;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Event Grid creates a webhook subscription only after the endpoint proves it
 * wants events: for its own schema by echoing the validation code
 * (https://learn.microsoft.com/azure/event-grid/end-point-validation-event-grid-events-schema),
 * for the CloudEvents schema by answering the CloudEvents webhook OPTIONS
 * handshake (https://learn.microsoft.com/azure/event-grid/webhook-event-delivery).
 * Both over real HTTP, through {@link EventReceiverServer}.
 */
class EventGridHandshakeTest {

    @Test
    void echoesTheValidationCodeAsJson() throws Exception {
        InMemoryEventStore store = new InMemoryEventStore();
        try (EventReceiverServer server = EventReceiverServer.start(EventReceiver.builder(store)
                        .sharedSecret("Authorization", "Bearer s3").build(), new InetSocketAddress("127.0.0.1", 0), "/events")) {
            // no Authorization: Event Grid need not send delivery headers with its validation
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri())
                    .header("Content-Type", "application/json").header("aeg-event-type", "SubscriptionValidation")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(
                            WebhookFixtures.named("eventgrid/subscription-validation.json").body())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
            assertEquals("512d38b6-c7b8-40c8-89fe-f46f9e9622b6",
                    new ObjectMapper().readTree(r.body()).get("validationResponse").asText());
            assertEquals(0, store.count(EventQuery.all()), "a validation is no registry event");
        }
    }

    @Test
    void aValidationWithoutACodeIsRefusedNamingIt() {
        EventReceiver.Result r = EventReceiver.builder(new InMemoryEventStore()).build().receive("POST",
                java.util.Map.of("aeg-event-type", java.util.List.of("SubscriptionValidation")),
                "[{\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"data\":{}}]".getBytes());
        assertEquals(400, r.status());
        assertTrue(r.message().contains("validationCode"), r.message());
    }

    @Test
    void answersTheCloudEventsWebhookHandshake() throws Exception {
        try (EventReceiverServer server = EventReceiverServer.start(EventReceiver.builder(new InMemoryEventStore())
                        .sharedSecret("Authorization", "Bearer s3").build(),
                new InetSocketAddress("127.0.0.1", 0), "/events")) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri())
                    .header("WebHook-Request-Origin", "eventgrid.azure.net")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("eventgrid.azure.net", r.headers().firstValue("WebHook-Allowed-Origin").orElse(""));
            HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri())
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, plain.statusCode(), "an OPTIONS that is no handshake is refused as before");
        }
    }
}

package dev.berth.events.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointConfigTest {
    @Test
    void toStringMasksEveryHeaderThatCanCarryASecret() {
        Map<String, List<String>> headers = Map.of(
                "Authorization", List.of("Bearer s3cret-a"),
                "proxy-authorization", List.of("Basic s3cret-b"),
                "Cookie", List.of("session=s3cret-c"),
                "X-Auth-Token", List.of("s3cret-d"),
                "X-API-KEY", List.of("s3cret-e", "s3cret-f"),
                "Webhook-Secret", List.of("s3cret-g"),
                "X-Password", List.of("s3cret-h"),
                "X-Team", List.of("platform"));
        EndpointConfig config = EndpointConfig.of("audit", URI.create("https://bot:s3cret-i@hooks.example/events?x=1"))
                .withHeaders(headers);
        String printed = config.toString();
        assertFalse(printed.contains("s3cret"), printed);
        assertTrue(printed.contains("X-Team=[platform]"), printed);
        assertTrue(printed.contains("X-API-KEY=[***, ***]"), printed);
        assertTrue(printed.contains("url=https://***@hooks.example/events?x=1"), printed);
        assertTrue(printed.contains("name=audit") && printed.contains("threshold=10"), printed);
        assertEquals("Bearer s3cret-a", config.headers().get("Authorization").get(0), "only the printout is masked");
    }
}

package dev.berth.server.internal.ops;

import dev.berth.events.send.EventSender;
import dev.berth.server.internal.Meters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Each notification endpoint's events sent, failed and dropped, and its queue, read from its sender's counters. */
public final class NotificationMeters {
    private NotificationMeters() {
    }

    /**
     * @param endpoints the registry's notification endpoints
     * @param registry  where the meters go
     */
    public static void register(List<NotificationEndpoint> endpoints, MeterRegistry registry) {
        for (NotificationEndpoint e : endpoints) {
            String name = e.config().name();
            EventSender s = e.sender();
            counter(registry, Meters.EVENTS_SENT, "Events delivered", name, s, x -> x.metrics().sent());
            counter(registry, Meters.EVENTS_FAILED, "Delivery attempts that failed (each retry counts)", name, s,
                    x -> x.metrics().failed());
            counter(registry, Meters.EVENTS_DROPPED, "Events given up: queue full, or pending at shutdown", name, s,
                    x -> x.metrics().dropped());
            Gauge.builder(Meters.EVENTS_PENDING, s, x -> x.metrics().pending()).tag("endpoint", name)
                    .description("Events queued or being delivered").strongReference(true).register(registry);
        }
    }

    private static void counter(MeterRegistry registry, String meter, String description, String endpoint, EventSender sender,
                                ToDoubleFunction<EventSender> value) {
        FunctionCounter.builder(meter, sender, value).tag("endpoint", endpoint).description(description).register(registry);
    }
}

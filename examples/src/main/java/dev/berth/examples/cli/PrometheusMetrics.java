package dev.berth.examples.cli;

import dev.berth.server.EmbeddedRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The registry's meters in Prometheus' text format at the debug listener's {@code /metrics}. */
final class PrometheusMetrics {
    private PrometheusMetrics() {
    }

    /**
     * Only with a debug listener: without a scrape the meters would cost every request for nothing.
     *
     * @param builder a registry builder given a debug address
     * @return the same builder, metering into a Prometheus registry that {@code /metrics} scrapes
     */
    static EmbeddedRegistry.Builder attachTo(EmbeddedRegistry.Builder builder) {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return builder.meterRegistry(prometheus).prometheusScrape(prometheus::scrape);
    }
}

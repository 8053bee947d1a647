package dev.berth.examples.cli.config;

import java.net.InetSocketAddress;

/**
 * {@code http.debug}: the second listener, for metrics and health.
 *
 * @param address           {@code http.debug.addr}
 * @param prometheus        {@code http.debug.prometheus.enabled}
 * @param prometheusPath    {@code http.debug.prometheus.path}, distribution's default {@code /metrics}
 */
public record DebugConfig(InetSocketAddress address, boolean prometheus, String prometheusPath) {
}

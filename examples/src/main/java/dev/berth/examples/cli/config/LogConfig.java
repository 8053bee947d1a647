package dev.berth.examples.cli.config;

/**
 * {@code log}: how much the registry says.
 *
 * @param level     {@code log.level}: error, warn, info or debug (distribution's default info)
 * @param accessLog whether each request gets an access log line ({@code log.accesslog.disabled} turns it off)
 */
public record LogConfig(String level, boolean accessLog) {
}

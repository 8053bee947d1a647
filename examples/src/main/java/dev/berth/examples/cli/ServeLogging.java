package dev.berth.examples.cli;

import java.util.List;
import java.util.Locale;

/**
 * How {@code berth serve} logs: through slf4j-simple on stderr, one line per
 * event, {@code 2026-01-31T12:00:00.000Z INFO access - 127.0.0.1 alice "GET /v2/ HTTP/1.1" 200 2 1ms}.
 * slf4j-simple reads its settings from system properties when the first logger
 * is made, so this runs before anything that logs; a {@code -D} setting on the
 * command line wins.
 */
final class ServeLogging {
    private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

    private ServeLogging() {
    }

    /**
     * @param level     trace, debug, info, warn, error or off
     * @param accessLog false to keep the access log to refused credentials and failures (WARN), as
     *                  distribution's {@code log.accesslog.disabled: true}
     * @throws UsageException if {@code level} is not one of trace, debug, info, warn, error, off
     */
    static void configure(String level, boolean accessLog) {
        String l = level.toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(l)) {
            throw new UsageException("--log-level takes one of " + String.join(", ", LEVELS) + ", not \"" + level + "\"");
        }
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", l);
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        // ISO 8601 with the zone offset ("Z" in UTC, "+0530" elsewhere): SimpleDateFormat's two-letter X.
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXX");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        if (!accessLog) {
            setIfAbsent("org.slf4j.simpleLogger.log.dev.berth.server.access", "warn");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}

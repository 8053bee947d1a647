package dev.berth.examples.cli.config;

import java.util.Map;

/** Why Berth does not take keys of distribution's configuration that it knows, for the error that names them. */
final class UnsupportedKeys {
    private static final String STORAGE_DRIVER = "Berth's --config stores on the filesystem, in memory or in S3";
    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("http.tls.letsencrypt", "Berth does not obtain certificates: give http.tls.certificate and key"),
            Map.entry("http.tls.clientcas", "Berth does not authenticate clients by certificate"),
            Map.entry("http.tls.ciphersuites", "Berth uses the JVM's cipher suites"),
            Map.entry("http.prefix", "Berth serves /v2/ at the root"),
            Map.entry("http.draintimeout", "Berth lets requests in flight finish for up to 5s"),
            Map.entry("storage.azure", STORAGE_DRIVER),
            Map.entry("storage.gcs", STORAGE_DRIVER), Map.entry("storage.swift", STORAGE_DRIVER),
            Map.entry("storage.oss", STORAGE_DRIVER),
            Map.entry("auth.silly", "a scheme for distribution's tests; use htpasswd or token"),
            Map.entry("log.fields", "Berth's log lines carry no static fields"),
            Map.entry("log.hooks", "Berth sends no log mail"),
            Map.entry("log.reportcaller", "Berth's log lines do not name the calling code"),
            Map.entry("redis", "Berth needs no cache"),
            Map.entry("proxy", "Berth is not a pull-through cache"),
            Map.entry("middleware", "Berth has no storage or repository middleware"),
            Map.entry("health", "Berth's health checks are at /debug/health on the debug address"),
            Map.entry("reporting", "Berth reports errors to no service"),
            Map.entry("validation", "Berth checks pushed manifests its own way"),
            Map.entry("compatibility", "Berth does not serve schema 1 manifests"),
            Map.entry("policy", "Berth has no repository classes; see access"),
            Map.entry("catalog", "Berth pages the catalog as the client asks"));

    private UnsupportedKeys() {
    }

    /** @return why the key at {@code path} is not supported, or null for a key Berth does not know at all */
    static String reason(String path) {
        return REASONS.get(path.replaceAll("\\[\\d+]", ""));
    }
}

package dev.berth.client.internal;

import dev.berth.model.Reference;
import java.util.Locale;
import java.util.Set;

/**
 * Whether two registry names, host[:port] as references write them, mean one
 * registry: case aside, Docker Hub's aliases are one, the loopback names are
 * one on the same port, and no port is HTTPS's 443. Nothing is resolved.
 */
public final class RegistryNames {
    private static final Set<String> DOCKER_HUB_ALIASES = Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

    private RegistryNames() {
    }

    /** @return whether {@code a} and {@code b} name the same registry */
    public static boolean same(String a, String b) {
        return canonical(a).equals(canonical(b));
    }

    /** @return the name in one spelling per registry, for comparison only */
    static String canonical(String registry) {
        String r = registry.toLowerCase(Locale.ROOT);
        String host = r;
        String port = "";
        if (r.startsWith("[")) {
            int close = r.indexOf(']');
            if (close > 0) {
                host = r.substring(0, close + 1);
                port = r.startsWith(":", close + 1) ? r.substring(close + 2) : "";
            }
        } else if (r.indexOf(':') >= 0 && r.indexOf(':') == r.lastIndexOf(':')) {
            host = r.substring(0, r.indexOf(':'));
            port = r.substring(r.indexOf(':') + 1);
        }
        if (port.equals("443")) {
            port = "";
        }
        if (DOCKER_HUB_ALIASES.contains(host) && port.isEmpty()) {
            return Reference.DOCKER_HUB;
        }
        if (Reference.isLoopbackRegistry(host)) {
            host = "loopback";
        }
        return port.isEmpty() ? host : host + ":" + port;
    }
}

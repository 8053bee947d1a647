package dev.berth.events.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Hides secrets in what is printed of a configuration: the values of headers
 * that can carry a credential, and the user info of a URL.
 */
public final class SecretHeaders {
    /** What a secret is printed as. */
    public static final String MASK = "***";

    private static final Set<String> SECRET_NAMES = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");
    // Any name with one of these in it: X-Auth-Token, X-Api-Key, X-Registry-Secret, Webhook-Password...
    private static final List<String> SECRET_PARTS = List.of("token", "secret", "key", "password", "auth");

    private SecretHeaders() {
    }

    /** @return whether a header of this name (any case) can carry a secret */
    public static boolean isSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return SECRET_NAMES.contains(n) || SECRET_PARTS.stream().anyMatch(n::contains);
    }

    /** @return the headers sorted by name, with every value of a secret header replaced by {@value #MASK} */
    public static Map<String, List<String>> masked(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (isSecret(h.getKey())) {
                List<String> masks = new ArrayList<>();
                h.getValue().forEach(v -> masks.add(MASK));
                out.put(h.getKey(), masks);
            } else {
                out.put(h.getKey(), h.getValue());
            }
        }
        return out;
    }

    /** @return the URL with any user info (as in {@code https://user:pass@host/}) replaced by {@value #MASK} */
    public static String masked(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        String text = url.toString();
        int at = text.indexOf(url.getRawUserInfo() + "@");
        return text.substring(0, at) + MASK + text.substring(at + url.getRawUserInfo().length());
    }
}

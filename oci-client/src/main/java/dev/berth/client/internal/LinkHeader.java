package dev.berth.client.internal;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Finds the {@code rel="next"} target of RFC 8288 {@code Link} headers, as registries paginate with them. */
public final class LinkHeader {
    private LinkHeader() {
    }

    /**
     * @param values every {@code Link} header value
     * @param base   the request URI, against which a relative target resolves
     * @return the next page's URI, if a link says {@code rel="next"}
     */
    public static Optional<URI> next(List<String> values, URI base) {
        for (String value : values) {
            for (String link : splitLinks(value)) {
                int open = link.indexOf('<');
                int close = link.indexOf('>', open + 1);
                if (open < 0 || close < 0) {
                    continue;
                }
                String params = link.substring(close + 1);
                for (String p : params.split(";")) {
                    String[] kv = p.trim().split("=", 2);
                    if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("rel")) {
                        String rel = kv[1].trim().replace("\"", "");
                        for (String r : rel.split("\\s+")) {
                            if (r.equalsIgnoreCase("next")) {
                                try {
                                    return Optional.of(base.resolve(link.substring(open + 1, close).trim()));
                                } catch (IllegalArgumentException badTarget) {
                                    return Optional.empty();
                                }
                            }
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    // Links are comma-separated, but a comma may sit inside <...>.
    private static List<String> splitLinks(String value) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                out.add(value.substring(start, i));
                start = i + 1;
            }
        }
        out.add(value.substring(start));
        return out;
    }
}

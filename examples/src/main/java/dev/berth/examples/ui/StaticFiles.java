package dev.berth.examples.ui;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The page: files of the module's {@code dev/berth/examples/ui/static/}, index.html for {@code /}.
 * Names are checked segment by segment, so no path can leave that folder.
 */
final class StaticFiles {
    static final String ROOT = "/dev/berth/examples/ui/static/";
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("woff2", "font/woff2"));

    private final String root;

    /** @param root the resource folder, ending in {@code /} (tests serve a page of their own) */
    StaticFiles(String root) {
        this.root = root;
    }

    void serve(ApiRequest request) throws IOException {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            throw new ApiException(405, "BAD_REQUEST", "the page's files are read with GET");
        }
        List<String> segments = request.segments();
        if (segments.isEmpty()) {
            segments = List.of("index.html");
        }
        for (String s : segments) {
            if (!SAFE_SEGMENT.matcher(s).matches() || s.contains("..")) {
                throw ApiException.notFound("no such file: /" + String.join("/", request.segments()));
            }
        }
        String name = String.join("/", segments);
        byte[] content;
        try (InputStream in = StaticFiles.class.getResourceAsStream(root + name)) {
            if (in == null) {
                throw ApiException.notFound("no such file: /" + name);
            }
            content = in.readAllBytes();
        }
        String last = segments.get(segments.size() - 1);
        int dot = last.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(last.substring(dot + 1).toLowerCase(Locale.ROOT));
        request.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
        request.send(200, type == null ? "application/octet-stream" : type, content);
    }
}

package dev.berth.server.internal.ops;

import dev.berth.server.internal.pipeline.Call;
import dev.berth.server.internal.pipeline.Handler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Headers on every answer, errors and refusals included: {@code X-Content-Type-Options: nosniff} (no browser
 * guesses that a blob is HTML or script), then the operator's own, as distribution's {@code http.headers}.
 * An operator's header of the same name replaces the default. Set before the rest of the pipeline runs, so a
 * stage that sets a header of its own (a manifest's {@code Content-Type}) still wins.
 */
public final class ResponseHeaders implements Handler {
    private final Handler next;
    private final String[] names;
    private final String[][] values;

    /**
     * @param configured the operator's headers, each with its values, possibly none
     * @param next       the rest of the pipeline
     */
    public ResponseHeaders(Map<String, List<String>> configured, Handler next) {
        this.next = next;
        Map<String, Map.Entry<String, List<String>>> byName = new LinkedHashMap<>();
        byName.put("x-content-type-options", Map.entry("X-Content-Type-Options", List.of("nosniff")));
        configured.forEach((name, vals) -> {
            if (name.isBlank() || vals.isEmpty()) {
                throw new IllegalArgumentException("response header \"" + name + "\" needs a name and at least one value");
            }
            byName.put(name.toLowerCase(Locale.ROOT), Map.entry(name, List.copyOf(vals)));
        });
        List<Map.Entry<String, List<String>>> all = new ArrayList<>(byName.values());
        names = new String[all.size()];
        values = new String[all.size()][];
        for (int i = 0; i < all.size(); i++) {
            names[i] = all.get(i).getKey();
            values[i] = all.get(i).getValue().toArray(String[]::new);
        }
    }

    @Override
    public void handle(Call call) throws IOException {
        var ex = call.exchange();
        for (int i = 0; i < names.length; i++) {
            String[] v = values[i];
            ex.setHeader(names[i], v[0]);
            for (int j = 1; j < v.length; j++) {
                ex.addHeader(names[i], v[j]);
            }
        }
        next.handle(call);
    }
}

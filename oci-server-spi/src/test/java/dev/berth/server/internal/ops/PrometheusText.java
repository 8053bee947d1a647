package dev.berth.server.internal.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format (0.0.4), for tests: every line must be a HELP, TYPE or
 * comment line or a sample of a family declared before it, with valid names, quoted and escaped label values and
 * a number; no sample twice; histogram buckets cumulative up to {@code +Inf}, which equals {@code _count}.
 * Anything else fails with the line it is on.
 */
public final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final Map<String, String> types = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private PrometheusText() {
    }

    /**
     * @param text a scrape
     * @return it parsed
     * @throws IllegalArgumentException naming the first line that breaks the format
     */
    public static PrometheusText parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the text must end with a line feed");
        }
        PrometheusText parsed = new PrometheusText();
        Set<String> seen = new HashSet<>();
        Set<String> helped = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            try {
                if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                    String[] parts = line.substring(7).split(" ", 2);
                    requireName(parts[0]);
                    if (line.startsWith("# TYPE ")) {
                        if (parts.length < 2 || !TYPES.contains(parts[1])) {
                            throw new IllegalArgumentException("unknown type");
                        }
                        if (parsed.types.put(parts[0], parts[1]) != null) {
                            throw new IllegalArgumentException("a second TYPE for " + parts[0]);
                        }
                    } else if (!helped.add(parts[0])) {
                        throw new IllegalArgumentException("a second HELP for " + parts[0]);
                    }
                } else if (line.startsWith("#")) {
                    continue;
                } else if (line.isEmpty()) {
                    throw new IllegalArgumentException("empty line");
                } else {
                    Sample s = sample(line);
                    parsed.family(s.name());
                    if (!seen.add(s.name() + new TreeMap<>(s.labels()))) {
                        throw new IllegalArgumentException("a second sample of the same series");
                    }
                    parsed.samples.add(s);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " \"" + line + "\": " + e.getMessage(), e);
            }
        }
        parsed.checkHistograms();
        return parsed;
    }

    /** @return every sample, in order */
    public List<Sample> samples() {
        return samples;
    }

    /** @return the declared type of each family */
    public Map<String, String> types() {
        return types;
    }

    /**
     * @param name   a sample name
     * @param labels label names and values the sample must have (others may be there too)
     * @return the sum of the matching samples' values, 0 when none match
     */
    public double value(String name, String... labels) {
        double sum = 0;
        for (Sample s : samples) {
            if (s.name().equals(name) && matches(s, labels)) {
                sum += s.value();
            }
        }
        return sum;
    }

    /**
     * @param name a sample name
     * @return whether any sample has it
     */
    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    private static boolean matches(Sample s, String... labels) {
        for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }

    private String family(String sample) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : new String[] {"_bucket", "_count", "_sum", "_created"}) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                String type = types.get(base);
                if (type != null && (type.equals("histogram") || type.equals("summary") && !suffix.equals("_bucket")
                        || suffix.equals("_created"))) {
                    return base;
                }
            }
        }
        throw new IllegalArgumentException("sample " + sample + " has no TYPE line before it");
    }

    private void checkHistograms() {
        types.forEach((family, type) -> {
            if (!type.equals("histogram")) {
                return;
            }
            Map<Map<String, String>, List<Sample>> bySeries = new HashMap<>();
            for (Sample s : samples) {
                if (s.name().equals(family + "_bucket")) {
                    Map<String, String> rest = new TreeMap<>(s.labels());
                    if (rest.remove("le") == null) {
                        throw new IllegalArgumentException(family + " bucket without le");
                    }
                    bySeries.computeIfAbsent(rest, k -> new ArrayList<>()).add(s);
                }
            }
            bySeries.forEach((labels, buckets) -> {
                double previousLe = Double.NEGATIVE_INFINITY;
                double previous = 0;
                for (Sample b : buckets) {
                    double le = Double.parseDouble(b.labels().get("le").replace("+Inf", "Infinity"));
                    if (le <= previousLe || b.value() < previous) {
                        throw new IllegalArgumentException(family + labels + " buckets are not cumulative in order");
                    }
                    previousLe = le;
                    previous = b.value();
                }
                if (previousLe != Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException(family + labels + " has no +Inf bucket");
                }
                double count = samples.stream().filter(s -> s.name().equals(family + "_count")
                        && new TreeMap<>(s.labels()).equals(labels)).mapToDouble(Sample::value).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(family + labels + " has no _count"));
                if (count != previous) {
                    throw new IllegalArgumentException(family + labels + " _count " + count + " is not the +Inf bucket " + previous);
                }
            });
        });
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        requireName(name);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq);
                if (!LABEL.matcher(label).matches() || labels.containsKey(label)) {
                    throw new IllegalArgumentException("bad or repeated label name " + label);
                }
                if (line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("label value not quoted");
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char e = line.charAt(++j);
                        value.append(switch (e) {
                            case '\\' -> '\\';
                            case '"' -> '"';
                            case 'n' -> '\n';
                            default -> throw new IllegalArgumentException("bad escape \\" + e);
                        });
                    } else {
                        value.append(c);
                    }
                }
                labels.put(label, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                } else if (line.charAt(i) != '}') {
                    throw new IllegalArgumentException("expected , or } after a label");
                }
            }
            i++;
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new IllegalArgumentException("expected a space before the value");
        }
        String[] rest = line.substring(i + 1).split(" ", -1);
        if (rest.length > 2) {
            throw new IllegalArgumentException("more than a value and a timestamp");
        }
        double value = number(rest[0]);
        if (rest.length == 2) {
            Long.parseLong(rest[1]);
        }
        return new Sample(name, labels, value);
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                if (!text.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
                    throw new IllegalArgumentException("not a number: " + text);
                }
                yield Double.parseDouble(text);
            }
        };
    }
}

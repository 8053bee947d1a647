package dev.berth.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.inspect.ContainerDetails;
import dev.berth.client.inspect.ImageDetails;
import dev.berth.client.inspect.ImageInspector;
import dev.berth.model.Reference;
import dev.berth.model.artifact.HelmChart;
import dev.berth.model.config.HistoryEntry;
import java.util.List;
import java.util.Map;

/**
 * {@code berth inspect REF}: the detail view of a registry browser — digest,
 * media type, size, platforms, layers, created, labels and annotations, config
 * (secret-looking environment values masked), artifact kind and referrers.
 */
final class InspectCommand extends RegistryCommand {


    InspectCommand(RegistryAccess access) {
        super(access);
    }

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String synopsis() {
        return "inspect REF " + RegistryAccess.SYNOPSIS;
    }

    @Override
    public String summary() {
        return "the detail view: digest, media type, size, platforms, layers, created, labels and annotations, config,"
                + " artifact kind (image, Helm chart, SBOM, signature) and referrers";
    }

    @Override
    public void run(CommandLine line, Output output) {
        Reference ref = RegistryAccess.reference(line.requirePositionals(1, "REF").get(0));
        ImageDetails d = access.using(line, ref.registry(), c -> new ImageInspector(c).inspect(ref));
        report(ref.familiarForm(), d, output);
    }

    /** Reports the details, the same way for the command and for {@link InspectDocument}. */
    static void report(String title, ImageDetails d, Output output) {
        output.section("image", title);
        output.item("digest", "digest", d.digest());
        output.item("mediaType", "media type", d.mediaType());
        output.item("schemaVersion", "schema version", d.schemaVersion());
        output.item("kind", "kind", d.kind());
        d.artifactType().ifPresent(t -> output.item("artifactType", "artifact type", t));
        output.item("totalSize", "total size", String.format("%,d bytes", d.totalSize()));
        d.created().ifPresent(c -> output.item("created", "created", c));
        d.author().ifPresent(a -> output.item("author", "author", a));
        d.subject().ifPresent(s -> output.item("subject", "refers to", s));
        if (!d.platforms().isEmpty()) {
            output.list("platforms", "platforms", d.platforms().stream().map(p -> p.platform().map(Object::toString)
                    .orElse("(no platform)") + "  " + p.digest().shortForm() + "  " + p.kind()).toList());
        }
        if (!d.layers().isEmpty()) {
            output.list("layers", "layers", d.layers().stream().map(l -> l.digest().shortForm() + "  "
                    + String.format("%,d", l.size()) + "  " + l.mediaType() + l.title().map(t -> "  " + t).orElse("")).toList());
        }
        if (!d.metadata().asMap().isEmpty()) {
            output.list("metadata", "metadata", d.metadata().asMap().entrySet().stream()
                    .map(e -> e.getKey().name().toLowerCase() + ": " + e.getValue()).toList());
        }
        if (!d.annotations().isEmpty()) {
            output.list("annotations", "annotations", entries(d.annotations()));
        }
        d.config().ifPresent(c -> config(output, c));
        d.helmChart().ifPresent(h -> chart(output, h));
        output.list("referrers", "referrers", d.referrers().stream().map(r -> r.digest().shortForm() + "  " + r.kind()
                + r.artifactType().map(t -> "  " + t).orElse("") + r.tag().map(t -> "  (tag " + t + ")").orElse("")).toList());
        if (output.isJson()) {
            output.json("details", structured(d));
        }
    }

    private static void config(Output output, ContainerDetails c) {
        output.item("platform", "platform", c.platform());
        output.item("user", "user", c.user().isEmpty() ? "(root)" : c.user());
        output.item("entrypoint", "entrypoint", c.entrypoint());
        output.item("cmd", "cmd", c.cmd());
        output.item("workingDir", "working dir", c.workingDir());
        output.item("exposedPorts", "exposed ports", c.exposedPorts());
        output.list("env", "environment", c.env().stream().map(Object::toString).toList());
        output.list("labels", "labels", entries(c.labels()));
        output.list("history", "history", c.history().stream().map(InspectCommand::history).toList());
    }

    private static void chart(Output output, HelmChart h) {
        output.item("chart", "chart", h.name() + " " + h.version() + h.appVersion().map(a -> " (app " + a + ")").orElse(""));
        h.description().ifPresent(t -> output.item("chartDescription", "description", t));
    }

    private static String history(HistoryEntry h) {
        return h.created().map(Object::toString).orElse("?") + "  " + h.createdBy().orElse("") + (h.emptyLayer() ? "  (no layer)" : "");
    }

    private static List<String> entries(Map<String, String> map) {
        return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
    }

    // The JSON form keeps numbers numbers and lists lists, for programs that read it.
    private static ObjectNode structured(ImageDetails d) {
        ObjectNode n = CliJson.mapper().createObjectNode();
        n.put("totalSize", d.totalSize());
        ArrayNode layers = n.putArray("layers");
        d.layers().forEach(l -> layers.addObject().put("digest", l.digest().toString()).put("size", l.size())
                .put("mediaType", l.mediaType()));
        ArrayNode platforms = n.putArray("platforms");
        d.platforms().forEach(p -> platforms.addObject().put("platform", p.platform().map(Object::toString).orElse(null))
                .put("digest", p.digest().toString()).put("size", p.size()).put("kind", p.kind().name()));
        ArrayNode referrers = n.putArray("referrers");
        d.referrers().forEach(r -> referrers.addObject().put("digest", r.digest().toString())
                .put("artifactType", r.artifactType().orElse(null)).put("kind", r.kind().name())
                .put("tag", r.tag().orElse(null)));
        d.config().ifPresent(c -> {
            ObjectNode env = n.putObject("env");
            c.env().forEach(v -> env.put(v.name(), v.value()));
            ObjectNode labels = n.putObject("labels");
            c.labels().forEach(labels::put);
        });
        return n;
    }
}

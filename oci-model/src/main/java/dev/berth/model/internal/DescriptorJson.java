package dev.berth.model.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.model.ContentVerificationException;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.Extensions;
import dev.berth.model.InvalidDigestException;
import dev.berth.model.Platform;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and writes descriptors and platforms. Field order on output follows
 * the Go structs of the OCI specification, so new documents look like the
 * ones every other tool writes; map keys are sorted as Go sorts them.
 */
public final class DescriptorJson {
    private static final Set<String> DESCRIPTOR_FIELDS =
            Set.of("mediaType", "digest", "size", "urls", "annotations", "data", "platform", "artifactType");

    private DescriptorJson() {
    }

    /** @return the descriptor in {@code fields}; errors name the path */
    public static Descriptor read(JsonFields fields) {
        String mediaType = fields.string("mediaType");
        if (mediaType.isEmpty()) {
            throw fields.error("mediaType", "must not be empty");
        }
        Digest digest = digest(fields, "digest");
        long size = fields.size("size");
        Descriptor.Builder b = Descriptor.builder().mediaType(mediaType).digest(digest).size(size)
                .urls(fields.strings("urls"))
                .annotations(fields.stringMap("annotations"))
                .artifactType(fields.optionalString("artifactType").orElse(null))
                .extensions(fields.unknown(DESCRIPTOR_FIELDS));
        fields.optionalObject("platform").ifPresent(p -> b.platform(readPlatform(p)));
        fields.optionalBase64("data").ifPresent(b::data);
        try {
            return b.build();
        } catch (ContentVerificationException e) {
            throw fields.error("data", "embedded data does not match the descriptor: " + e.getMessage());
        }
    }

    /** @return the digest in a string field, with a path-naming error if it is malformed */
    public static Digest digest(JsonFields fields, String name) {
        String text = fields.string(name);
        try {
            return Digest.parse(text);
        } catch (InvalidDigestException e) {
            throw fields.error(name, e.getMessage());
        }
    }

    /** @return the platform in {@code fields} */
    public static Platform readPlatform(JsonFields fields) {
        String architecture = fields.string("architecture");
        String os = fields.string("os");
        return Platform.of(os, architecture, fields.optionalString("variant").orElse(""),
                fields.optionalString("os.version").orElse(""), fields.strings("os.features"), fields.strings("features"));
    }

    /** Writes a descriptor object. */
    public static void write(JsonGenerator g, Descriptor d) throws IOException {
        g.writeStartObject();
        g.writeStringField("mediaType", d.mediaType());
        g.writeStringField("digest", d.digest().toString());
        g.writeNumberField("size", d.size());
        if (!d.urls().isEmpty()) {
            writeStrings(g, "urls", d.urls());
        }
        writeStringMap(g, "annotations", d.annotations());
        if (d.data().isPresent()) {
            g.writeStringField("data", Base64.getEncoder().encodeToString(d.data().get()));
        }
        if (d.platform().isPresent()) {
            g.writeFieldName("platform");
            writePlatform(g, d.platform().get());
        }
        if (d.artifactType().isPresent()) {
            g.writeStringField("artifactType", d.artifactType().get());
        }
        writeExtensions(g, d.extensions());
        g.writeEndObject();
    }

    /** Writes a platform object. */
    public static void writePlatform(JsonGenerator g, Platform p) throws IOException {
        g.writeStartObject();
        g.writeStringField("architecture", p.architecture());
        g.writeStringField("os", p.os());
        if (!p.osVersion().isEmpty()) {
            g.writeStringField("os.version", p.osVersion());
        }
        if (!p.osFeatures().isEmpty()) {
            writeStrings(g, "os.features", p.osFeatures());
        }
        if (!p.variant().isEmpty()) {
            g.writeStringField("variant", p.variant());
        }
        if (!p.features().isEmpty()) {
            writeStrings(g, "features", p.features());
        }
        g.writeEndObject();
    }

    /** Writes a non-empty string map with sorted keys; an empty map is left out. */
    public static void writeStringMap(JsonGenerator g, String name, Map<String, String> map) throws IOException {
        if (map.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** Writes an array of strings. */
    public static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** Writes extension fields after the known ones, in their original order. */
    public static void writeExtensions(JsonGenerator g, Extensions extensions) throws IOException {
        for (Iterator<Map.Entry<String, JsonNode>> it = extensions.entries(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            g.writeFieldName(e.getKey());
            g.writeTree(e.getValue());
        }
    }
}

package dev.berth.model.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.ContentTooLargeException;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Extensions;
import dev.berth.model.InvalidDigestException;
import dev.berth.model.MalformedContentException;
import dev.berth.model.Platform;
import dev.berth.model.internal.DescriptorJson;
import dev.berth.model.internal.Json;
import dev.berth.model.internal.JsonFields;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An image configuration (OCI {@code application/vnd.oci.image.config.v1+json}
 * or Docker {@code application/vnd.docker.container.image.v1+json}), parsed
 * from its exact bytes, which are kept along with their digest.
 *
 * <pre>{@code
 * ImageConfig cfg = ImageConfig.parse(blobBytes);
 * cfg.platform();            // linux/amd64
 * cfg.config().entrypoint(); // [/docker-entrypoint.sh]
 * }</pre>
 */
public final class ImageConfig {
    /** Configurations above this size are refused rather than read into memory. */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    private static final String DOCUMENT = "image configuration";
    private static final Set<String> FIELDS = Set.of("created", "author", "architecture", "os", "os.version",
            "os.features", "variant", "config", "rootfs", "history");
    private static final Set<String> CONFIG_FIELDS = Set.of("User", "ExposedPorts", "Env", "Entrypoint", "Cmd",
            "Volumes", "WorkingDir", "Labels", "StopSignal");

    private final byte[] bytes;
    private final Digest digest;
    private final Platform platform;
    private final Instant created;
    private final String author;
    private final ContainerConfig config;
    private final String rootfsType;
    private final List<Digest> diffIds;
    private final List<HistoryEntry> history;
    private final Extensions extensions;

    private ImageConfig(byte[] bytes, Platform platform, Instant created, String author, ContainerConfig config,
                        String rootfsType, List<Digest> diffIds, List<HistoryEntry> history, Extensions extensions) {
        this.bytes = bytes;
        this.digest = Digest.sha256(bytes);
        this.platform = platform;
        this.created = created;
        this.author = author;
        this.config = config;
        this.rootfsType = rootfsType;
        this.diffIds = List.copyOf(diffIds);
        this.history = List.copyOf(history);
        this.extensions = extensions;
    }

    /**
     * @param bytes the exact bytes of the configuration blob
     * @return the configuration
     * @throws MalformedContentException naming the first bad field
     */
    public static ImageConfig parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new ContentTooLargeException(DOCUMENT, MAX_BYTES, bytes.length);
        }
        ObjectNode root = Json.readObject(bytes, DOCUMENT);
        JsonFields f = JsonFields.root(root, DOCUMENT);
        Platform platform = Platform.of(f.string("os"), f.string("architecture"), f.optionalString("variant").orElse(""),
                f.optionalString("os.version").orElse(""), f.strings("os.features"), List.of());
        ContainerConfig config = f.optionalObject("config").map(ImageConfig::readConfig).orElse(ContainerConfig.EMPTY);
        String rootfsType = "";
        List<Digest> diffIds = new ArrayList<>();
        Optional<JsonFields> rootfs = f.optionalObject("rootfs");
        if (rootfs.isPresent()) {
            rootfsType = rootfs.get().optionalString("type").orElse("");
            List<String> ids = rootfs.get().strings("diff_ids");
            for (int i = 0; i < ids.size(); i++) {
                try {
                    diffIds.add(Digest.parse(ids.get(i)));
                } catch (InvalidDigestException e) {
                    throw new MalformedContentException(DOCUMENT, "rootfs.diff_ids[" + i + "]", e.getMessage());
                }
            }
        }
        List<HistoryEntry> history = new ArrayList<>();
        for (JsonFields h : f.objects("history")) {
            HistoryEntry.Builder step = HistoryEntry.builder().emptyLayer(h.optionalBoolean("empty_layer").orElse(false));
            h.optionalTime("created").ifPresent(step::created);
            h.optionalString("created_by").ifPresent(step::createdBy);
            h.optionalString("author").ifPresent(step::author);
            h.optionalString("comment").ifPresent(step::comment);
            history.add(step.build());
        }
        return new ImageConfig(bytes.clone(), platform, f.optionalTime("created").orElse(null),
                f.optionalString("author").orElse(null), config, rootfsType, diffIds, history, f.unknown(FIELDS));
    }

    private static ContainerConfig readConfig(JsonFields c) {
        return new ContainerConfig(c.optionalString("User").orElse(""), c.keys("ExposedPorts"), c.strings("Env"),
                c.strings("Entrypoint"), c.strings("Cmd"), c.keys("Volumes"), c.optionalString("WorkingDir").orElse(""),
                c.stringMap("Labels"), c.optionalString("StopSignal").orElse(""), c.unknown(CONFIG_FIELDS));
    }

    /**
     * @param platform the platform the image runs on
     * @return a builder for a new configuration
     */
    public static Builder builder(Platform platform) {
        return new Builder(platform);
    }

    /** @return a copy of the exact bytes */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the sha256 digest of the exact bytes */
    public Digest digest() {
        return digest;
    }

    /**
     * @return the descriptor a manifest lists for this configuration: OCI's configuration media type, the
     *         digest and size of the exact bytes
     */
    public Descriptor descriptor() {
        return Descriptor.of(MediaType.OCI_CONFIG, digest, bytes.length);
    }

    /** @return OS, architecture, variant and OS version */
    public Platform platform() {
        return platform;
    }

    /** @return when the image was created (Docker's zero time counts as unknown) */
    public Optional<Instant> created() {
        return Optional.ofNullable(created);
    }

    /** @return the author */
    public Optional<String> author() {
        return Optional.ofNullable(author);
    }

    /** @return how a container of the image runs */
    public ContainerConfig config() {
        return config;
    }

    /** @return the rootfs type, normally {@code layers} */
    public String rootfsType() {
        return rootfsType;
    }

    /** @return the digests of the uncompressed layers, base first */
    public List<Digest> diffIds() {
        return diffIds;
    }

    /** @return the build history, oldest first */
    public List<HistoryEntry> history() {
        return history;
    }

    /** @return top-level fields the specification does not define (Docker's {@code container_config}, ...) */
    public Extensions extensions() {
        return extensions;
    }

    /** Builds a new configuration with canonical bytes. */
    public static final class Builder {
        private final Platform platform;
        private Instant created;
        private String author;
        private ContainerConfig config = ContainerConfig.EMPTY;
        private final List<Digest> diffIds = new ArrayList<>();
        private final List<HistoryEntry> history = new ArrayList<>();

        private Builder(Platform platform) {
            this.platform = platform;
        }

        /**
         * @param value when the image was created
         * @return this builder, with the creation time
         */
        public Builder created(Instant value) {
            this.created = value;
            return this;
        }

        /**
         * @param value who made the image
         * @return this builder, with the author
         */
        public Builder author(String value) {
            this.author = value;
            return this;
        }

        /**
         * @param value how a container of the image runs
         * @return this builder, with the container configuration
         */
        public Builder config(ContainerConfig value) {
            this.config = value;
            return this;
        }

        /**
         * @param value the digest of the next layer's uncompressed tar
         * @return this builder, with one more layer's uncompressed digest
         */
        public Builder diffId(Digest value) {
            this.diffIds.add(value);
            return this;
        }

        /**
         * @param value the next step of how the image was built
         * @return this builder, with one more history step
         */
        public Builder history(HistoryEntry value) {
            this.history.add(value);
            return this;
        }

        /** @return the configuration, serialised compactly in the specification's field order */
        public ImageConfig build() {
            byte[] bytes = Json.write(g -> {
                g.writeStartObject();
                if (created != null) {
                    g.writeStringField("created", DateTimeFormatter.ISO_INSTANT.format(created));
                }
                if (author != null) {
                    g.writeStringField("author", author);
                }
                g.writeStringField("architecture", platform.architecture());
                g.writeStringField("os", platform.os());
                if (!platform.osVersion().isEmpty()) {
                    g.writeStringField("os.version", platform.osVersion());
                }
                if (!platform.variant().isEmpty()) {
                    g.writeStringField("variant", platform.variant());
                }
                g.writeObjectFieldStart("config");
                writeConfig(g, config);
                g.writeEndObject();
                g.writeObjectFieldStart("rootfs");
                g.writeStringField("type", "layers");
                g.writeArrayFieldStart("diff_ids");
                for (Digest d : diffIds) {
                    g.writeString(d.toString());
                }
                g.writeEndArray();
                g.writeEndObject();
                if (!history.isEmpty()) {
                    g.writeArrayFieldStart("history");
                    for (HistoryEntry h : history) {
                        g.writeStartObject();
                        if (h.created().isPresent()) {
                            g.writeStringField("created", DateTimeFormatter.ISO_INSTANT.format(h.created().get()));
                        }
                        writeOptional(g, "created_by", h.createdBy());
                        writeOptional(g, "author", h.author());
                        writeOptional(g, "comment", h.comment());
                        if (h.emptyLayer()) {
                            g.writeBooleanField("empty_layer", true);
                        }
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            });
            return parse(bytes);
        }

        private static void writeConfig(com.fasterxml.jackson.core.JsonGenerator g, ContainerConfig c)
                throws java.io.IOException {
            if (!c.user().isEmpty()) {
                g.writeStringField("User", c.user());
            }
            writeSet(g, "ExposedPorts", c.exposedPorts());
            if (!c.env().isEmpty()) {
                DescriptorJson.writeStrings(g, "Env", c.env());
            }
            if (!c.entrypoint().isEmpty()) {
                DescriptorJson.writeStrings(g, "Entrypoint", c.entrypoint());
            }
            if (!c.cmd().isEmpty()) {
                DescriptorJson.writeStrings(g, "Cmd", c.cmd());
            }
            writeSet(g, "Volumes", c.volumes());
            if (!c.workingDir().isEmpty()) {
                g.writeStringField("WorkingDir", c.workingDir());
            }
            DescriptorJson.writeStringMap(g, "Labels", c.labels());
            if (!c.stopSignal().isEmpty()) {
                g.writeStringField("StopSignal", c.stopSignal());
            }
            DescriptorJson.writeExtensions(g, c.extensions());
        }

        private static void writeSet(com.fasterxml.jackson.core.JsonGenerator g, String name, Set<String> keys)
                throws java.io.IOException {
            if (keys.isEmpty()) {
                return;
            }
            g.writeObjectFieldStart(name);
            for (String k : new java.util.TreeSet<>(keys)) {
                g.writeObjectFieldStart(k);
                g.writeEndObject();
            }
            g.writeEndObject();
        }

        private static void writeOptional(com.fasterxml.jackson.core.JsonGenerator g, String name, Optional<String> v)
                throws java.io.IOException {
            if (v.isPresent()) {
                g.writeStringField(name, v.get());
            }
        }
    }

    @Override
    public String toString() {
        return "image configuration " + digest + " " + platform;
    }

    /** @return the labels, a shortcut for {@code config().labels()} */
    public Map<String, String> labels() {
        return config.labels();
    }
}

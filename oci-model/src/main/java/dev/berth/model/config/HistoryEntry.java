package dev.berth.model.config;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of an image's build history. Built from plain values with {@link #builder()}, setting what the
 * configuration records; read back as {@link Optional}s, as {@link ImageConfig} does.
 *
 * <pre>{@code
 * HistoryEntry step = HistoryEntry.builder().created(Instant.now()).createdBy("COPY app /app").build();
 * }</pre>
 */
public final class HistoryEntry {
    private final Instant created;
    private final String createdBy;
    private final String author;
    private final String comment;
    private final boolean emptyLayer;

    private HistoryEntry(Builder b) {
        this.created = b.created;
        this.createdBy = b.createdBy;
        this.author = b.author;
        this.comment = b.comment;
        this.emptyLayer = b.emptyLayer;
    }

    /** @return a builder of a step with nothing recorded, which produced a layer */
    public static Builder builder() {
        return new Builder();
    }

    /** @return when the step ran, if known */
    public Optional<Instant> created() {
        return Optional.ofNullable(created);
    }

    /** @return the command, if recorded */
    public Optional<String> createdBy() {
        return Optional.ofNullable(createdBy);
    }

    /** @return who ran it, if recorded */
    public Optional<String> author() {
        return Optional.ofNullable(author);
    }

    /** @return the comment, if any */
    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    /** @return whether the step produced no layer (ENV, CMD, ...) */
    public boolean emptyLayer() {
        return emptyLayer;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HistoryEntry h && Objects.equals(created, h.created) && Objects.equals(createdBy, h.createdBy)
                && Objects.equals(author, h.author) && Objects.equals(comment, h.comment) && emptyLayer == h.emptyLayer;
    }

    @Override
    public int hashCode() {
        return Objects.hash(created, createdBy, author, comment, emptyLayer);
    }

    @Override
    public String toString() {
        return "HistoryEntry[created=" + created + ", createdBy=" + createdBy + ", author=" + author + ", comment="
                + comment + ", emptyLayer=" + emptyLayer + "]";
    }

    /** Sets what a history step records; whatever is not set is absent. */
    public static final class Builder {
        private Instant created;
        private String createdBy;
        private String author;
        private String comment;
        private boolean emptyLayer;

        private Builder() {
        }

        /**
         * @param value when the step ran
         * @return this builder
         */
        public Builder created(Instant value) {
            this.created = Objects.requireNonNull(value, "created");
            return this;
        }

        /**
         * @param value the command, e.g. {@code /bin/sh -c #(nop) CMD ["sh"]}
         * @return this builder
         */
        public Builder createdBy(String value) {
            this.createdBy = Objects.requireNonNull(value, "createdBy");
            return this;
        }

        /**
         * @param value who ran it
         * @return this builder
         */
        public Builder author(String value) {
            this.author = Objects.requireNonNull(value, "author");
            return this;
        }

        /**
         * @param value a free comment
         * @return this builder
         */
        public Builder comment(String value) {
            this.comment = Objects.requireNonNull(value, "comment");
            return this;
        }

        /**
         * @param value whether the step produced no layer (ENV, CMD, ...)
         * @return this builder
         */
        public Builder emptyLayer(boolean value) {
            this.emptyLayer = value;
            return this;
        }

        /** @return the step */
        public HistoryEntry build() {
            return new HistoryEntry(this);
        }
    }
}

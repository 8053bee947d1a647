package dev.berth.model.artifact;

import dev.berth.model.InvalidArgumentException;
import dev.berth.model.internal.Json;
import dev.berth.model.internal.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Helm chart's metadata, read from its OCI config blob
 * ({@code application/vnd.cncf.helm.config.v1+json}, Chart.yaml as JSON) with {@link #parse(byte[])}, or
 * built from plain values with {@link #builder(String, String)}. What the chart does not say reads back as an
 * empty {@link Optional} or an empty collection.
 *
 * <pre>{@code
 * HelmChart chart = HelmChart.builder("app", "0.3.1").apiVersion("v2").appVersion("1.4.2").build();
 * }</pre>
 */
public final class HelmChart {
    private final String apiVersion;
    private final String name;
    private final String version;
    private final String appVersion;
    private final String description;
    private final String type;
    private final String kubeVersion;
    private final String home;
    private final String icon;
    private final List<String> keywords;
    private final List<String> sources;
    private final List<Maintainer> maintainers;
    private final boolean deprecated;
    private final Map<String, String> annotations;

    private HelmChart(Builder b) {
        this.apiVersion = b.apiVersion;
        this.name = b.name;
        this.version = b.version;
        this.appVersion = b.appVersion;
        this.description = b.description;
        this.type = b.type;
        this.kubeVersion = b.kubeVersion;
        this.home = b.home;
        this.icon = b.icon;
        this.keywords = b.keywords;
        this.sources = b.sources;
        this.maintainers = b.maintainers;
        this.deprecated = b.deprecated;
        this.annotations = b.annotations;
    }

    /**
     * @param name    chart name
     * @param version chart version (SemVer)
     * @return a builder of a {@code v1} chart with nothing else set, not deprecated
     * @throws InvalidArgumentException if name or version is null or blank
     */
    public static Builder builder(String name, String version) {
        return new Builder(InvalidArgumentException.requireNonBlank(name, "name"),
                InvalidArgumentException.requireNonBlank(version, "version"));
    }

    /**
     * @param configBytes the chart's config blob
     * @return the chart metadata
     * @throws dev.berth.model.MalformedContentException if name or version is missing or a field has the wrong type
     */
    public static HelmChart parse(byte[] configBytes) {
        JsonFields f = JsonFields.root(Json.readObject(configBytes, "Helm chart config"), "Helm chart config");
        List<Maintainer> maintainers = new ArrayList<>();
        for (JsonFields m : f.objects("maintainers")) {
            maintainers.add(new Maintainer(m.optionalString("name").orElse(""), m.optionalString("email").orElse(null),
                    m.optionalString("url").orElse(null)));
        }
        Builder b = new Builder(f.string("name"), f.string("version"));
        b.apiVersion = f.optionalString("apiVersion").orElse("v1");
        b.appVersion = f.optionalString("appVersion").orElse(null);
        b.description = f.optionalString("description").orElse(null);
        b.type = f.optionalString("type").orElse(null);
        b.kubeVersion = f.optionalString("kubeVersion").orElse(null);
        b.home = f.optionalString("home").orElse(null);
        b.icon = f.optionalString("icon").orElse(null);
        b.keywords = List.copyOf(f.strings("keywords"));
        b.sources = List.copyOf(f.strings("sources"));
        b.maintainers = List.copyOf(maintainers);
        b.deprecated = f.optionalBoolean("deprecated").orElse(false);
        b.annotations = Map.copyOf(f.stringMap("annotations"));
        return b.build();
    }

    /** @return chart API version, {@code v1} or {@code v2} */
    public String apiVersion() {
        return apiVersion;
    }

    /** @return chart name */
    public String name() {
        return name;
    }

    /** @return chart version (SemVer) */
    public String version() {
        return version;
    }

    /** @return version of the application it deploys, if given */
    public Optional<String> appVersion() {
        return Optional.ofNullable(appVersion);
    }

    /** @return one-line description, if given */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** @return {@code application} or {@code library}, if given */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /** @return supported Kubernetes versions, a SemVer range, if given */
    public Optional<String> kubeVersion() {
        return Optional.ofNullable(kubeVersion);
    }

    /** @return project home page, if given */
    public Optional<String> home() {
        return Optional.ofNullable(home);
    }

    /** @return icon URL, if given */
    public Optional<String> icon() {
        return Optional.ofNullable(icon);
    }

    /** @return keywords, possibly none */
    public List<String> keywords() {
        return keywords;
    }

    /** @return source URLs, possibly none */
    public List<String> sources() {
        return sources;
    }

    /** @return maintainers, possibly none */
    public List<Maintainer> maintainers() {
        return maintainers;
    }

    /** @return whether the chart is deprecated */
    public boolean deprecated() {
        return deprecated;
    }

    /** @return chart annotations, possibly none */
    public Map<String, String> annotations() {
        return annotations;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HelmChart h && apiVersion.equals(h.apiVersion) && name.equals(h.name)
                && version.equals(h.version) && Objects.equals(appVersion, h.appVersion)
                && Objects.equals(description, h.description) && Objects.equals(type, h.type)
                && Objects.equals(kubeVersion, h.kubeVersion) && Objects.equals(home, h.home)
                && Objects.equals(icon, h.icon) && keywords.equals(h.keywords) && sources.equals(h.sources)
                && maintainers.equals(h.maintainers) && deprecated == h.deprecated && annotations.equals(h.annotations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiVersion, name, version, appVersion, description, type, kubeVersion, home, icon, keywords,
                sources, maintainers, deprecated, annotations);
    }

    @Override
    public String toString() {
        return "HelmChart[apiVersion=" + apiVersion + ", name=" + name + ", version=" + version + ", appVersion="
                + appVersion + ", description=" + description + ", type=" + type + ", kubeVersion=" + kubeVersion
                + ", home=" + home + ", icon=" + icon + ", keywords=" + keywords + ", sources=" + sources
                + ", maintainers=" + maintainers + ", deprecated=" + deprecated + ", annotations=" + annotations + "]";
    }

    /** A chart maintainer, made with {@link #of(String)}; email and URL are absent until set. */
    public static final class Maintainer {
        private final String name;
        private final String email;
        private final String url;

        private Maintainer(String name, String email, String url) {
            this.name = name;
            this.email = email;
            this.url = url;
        }

        /**
         * @param name the maintainer's name, possibly empty (charts do not always give one)
         * @return a maintainer without email or URL
         * @throws InvalidArgumentException if name is null
         */
        public static Maintainer of(String name) {
            return new Maintainer(InvalidArgumentException.requireNonNull(name, "name"), null, null);
        }

        /**
         * @param email email address
         * @return this maintainer with that email address
         * @throws InvalidArgumentException if email is null or blank
         */
        public Maintainer withEmail(String email) {
            return new Maintainer(name, InvalidArgumentException.requireNonBlank(email, "email"), url);
        }

        /**
         * @param url URL
         * @return this maintainer with that URL
         * @throws InvalidArgumentException if url is null or blank
         */
        public Maintainer withUrl(String url) {
            return new Maintainer(name, email, InvalidArgumentException.requireNonBlank(url, "url"));
        }

        /** @return name, possibly empty */
        public String name() {
            return name;
        }

        /** @return email address, if given */
        public Optional<String> email() {
            return Optional.ofNullable(email);
        }

        /** @return URL, if given */
        public Optional<String> url() {
            return Optional.ofNullable(url);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Maintainer m && name.equals(m.name) && Objects.equals(email, m.email)
                    && Objects.equals(url, m.url);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, email, url);
        }

        @Override
        public String toString() {
            return "Maintainer[name=" + name + ", email=" + email + ", url=" + url + "]";
        }
    }

    /** Sets what a chart's metadata says; whatever is not set is absent, or empty for collections. */
    public static final class Builder {
        private final String name;
        private final String version;
        private String apiVersion = "v1";
        private String appVersion;
        private String description;
        private String type;
        private String kubeVersion;
        private String home;
        private String icon;
        private List<String> keywords = List.of();
        private List<String> sources = List.of();
        private List<Maintainer> maintainers = List.of();
        private boolean deprecated;
        private Map<String, String> annotations = Map.of();

        private Builder(String name, String version) {
            this.name = name;
            this.version = version;
        }

        /**
         * @param value chart API version, {@code v1} or {@code v2}
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is null or blank
         */
        public Builder apiVersion(String value) {
            this.apiVersion = InvalidArgumentException.requireNonBlank(value, "apiVersion");
            return this;
        }

        /**
         * @param value version of the application the chart deploys
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is null or blank
         */
        public Builder appVersion(String value) {
            this.appVersion = InvalidArgumentException.requireNonBlank(value, "appVersion");
            return this;
        }

        /**
         * @param value one-line description
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is null or blank
         */
        public Builder description(String value) {
            this.description = InvalidArgumentException.requireNonBlank(value, "description");
            return this;
        }

        /**
         * @param value {@code application} or {@code library}
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is null or blank
         */
        public Builder type(String value) {
            this.type = InvalidArgumentException.requireNonBlank(value, "type");
            return this;
        }

        /**
         * @param value supported Kubernetes versions, a SemVer range
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is null or blank
         */
        public Builder kubeVersion(String value) {
            this.kubeVersion = InvalidArgumentException.requireNonBlank(value, "kubeVersion");
            return this;
        }

        /**
         * @param value project home page
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is null or blank
         */
        public Builder home(String value) {
            this.home = InvalidArgumentException.requireNonBlank(value, "home");
            return this;
        }

        /**
         * @param value icon URL
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is null or blank
         */
        public Builder icon(String value) {
            this.icon = InvalidArgumentException.requireNonBlank(value, "icon");
            return this;
        }

        /**
         * @param values keywords
         * @return this builder
         * @throws InvalidArgumentException if {@code values} is null or holds null
         */
        public Builder keywords(List<String> values) {
            this.keywords = copy(values, "keywords");
            return this;
        }

        /**
         * @param values source URLs
         * @return this builder
         * @throws InvalidArgumentException if {@code values} is null or holds null
         */
        public Builder sources(List<String> values) {
            this.sources = copy(values, "sources");
            return this;
        }

        /**
         * @param values maintainers
         * @return this builder
         * @throws InvalidArgumentException if {@code values} is null or holds null
         */
        public Builder maintainers(List<Maintainer> values) {
            this.maintainers = copy(values, "maintainers");
            return this;
        }

        /**
         * @param value whether the chart is deprecated
         * @return this builder
         */
        public Builder deprecated(boolean value) {
            this.deprecated = value;
            return this;
        }

        /**
         * @param values chart annotations
         * @return this builder
         * @throws InvalidArgumentException if {@code values} is null or holds a null key or value
         */
        public Builder annotations(Map<String, String> values) {
            InvalidArgumentException.requireNonNull(values, "annotations");
            if (values.entrySet().stream().anyMatch(e -> e.getKey() == null || e.getValue() == null)) {
                throw new InvalidArgumentException("annotations", "must not hold null");
            }
            this.annotations = Map.copyOf(values);
            return this;
        }

        /** @return the chart */
        public HelmChart build() {
            return new HelmChart(this);
        }

        private static <T> List<T> copy(List<T> values, String argument) {
            InvalidArgumentException.requireNonNull(values, argument);
            if (values.stream().anyMatch(Objects::isNull)) {
                throw new InvalidArgumentException(argument, "must not hold null");
            }
            return List.copyOf(values);
        }
    }
}

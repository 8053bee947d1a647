package dev.berth.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The platform an image runs on: OS, architecture, optional variant, and the
 * Windows-specific OS version and features. {@link #normalize()} maps aliases
 * the way containerd does ({@code aarch64}→{@code arm64}, {@code x86_64}→{@code
 * amd64}, {@code arm64/v8}→{@code arm64}, bare {@code arm}→{@code arm/v7}), so
 * that {@code linux/arm64} and {@code linux/arm64/v8} name the same platform.
 *
 * <pre>{@code
 * Platform wanted = Platform.parse("linux/arm64");
 * wanted.matches(Platform.parse("linux/aarch64/v8")); // true
 * }</pre>
 */
public final class Platform {

    // Variants in the order a CPU supports them: a host of a later variant runs the earlier ones.
    private static final List<String> ARM_VARIANTS = List.of("v5", "v6", "v7", "v8");
    private static final List<String> AMD64_VARIANTS = List.of("", "v2", "v3", "v4");
    private static final List<String> ARM64_VARIANTS = List.of("", "v8.1", "v8.2", "v8.3", "v8.4", "v8.5", "v8.6",
            "v8.7", "v8.8", "v8.9", "v9", "v9.1", "v9.2", "v9.3", "v9.4", "v9.5");

    private final String os;
    private final String architecture;
    private final String variant;
    private final String osVersion;
    private final List<String> osFeatures;
    private final List<String> features;

    private Platform(String os, String architecture, String variant, String osVersion,
                     List<String> osFeatures, List<String> features) {
        this.os = Objects.requireNonNull(os, "os");
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.variant = variant == null ? "" : variant;
        this.osVersion = osVersion == null ? "" : osVersion;
        this.osFeatures = osFeatures == null ? List.of() : List.copyOf(osFeatures);
        this.features = features == null ? List.of() : List.copyOf(features);
    }

    /**
     * @param architecture the CPU architecture, such as {@code amd64}
     * @param os the operating system, such as {@code linux}
     * @return the platform {@code os/architecture}
     */
    public static Platform of(String os, String architecture) {
        return new Platform(os, architecture, "", "", List.of(), List.of());
    }

    /**
     * @param variant the architecture's variant, such as {@code v7}
     * @param architecture the CPU architecture, such as {@code arm64}
     * @param os the operating system, such as {@code linux}
     * @return the platform {@code os/architecture/variant} (an empty variant means none)
     */
    public static Platform of(String os, String architecture, String variant) {
        return new Platform(os, architecture, variant, "", List.of(), List.of());
    }

    /**
     * The full form, as found in an index entry.
     *
     * @param os           e.g. {@code linux}
     * @param architecture e.g. {@code amd64}
     * @param variant      e.g. {@code v8}, or empty
     * @param osVersion    e.g. {@code 10.0.17763.1879} for Windows, or empty
     * @param osFeatures   e.g. {@code win32k}
     * @param features     reserved by the specification; kept as given
     * @return the platform
     */
    public static Platform of(String os, String architecture, String variant, String osVersion,
                              List<String> osFeatures, List<String> features) {
        return new Platform(os, architecture, variant, osVersion, osFeatures, features);
    }

    /**
     * Parses {@code os/arch[/variant]}, the form used by {@code --platform}.
     *
     * @param text e.g. {@code linux/arm/v7}
     * @return the platform, as written (call {@link #normalize()} to map aliases)
     * @throws InvalidPlatformException if it is not in that form
     */
    public static Platform parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidPlatformException(String.valueOf(text), "empty");
        }
        String[] parts = text.split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new InvalidPlatformException(text, "expected os/architecture or os/architecture/variant");
        }
        for (String part : parts) {
            if (part.isEmpty() || !part.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                throw new InvalidPlatformException(text, "each part must be non-empty letters, digits, '_', '-' or '.'");
            }
        }
        return of(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
    }

    /** @return the operating system, e.g. {@code linux} */
    public String os() {
        return os;
    }

    /** @return the CPU architecture, e.g. {@code arm64} */
    public String architecture() {
        return architecture;
    }

    /** @return the CPU variant, e.g. {@code v7}, or an empty string */
    public String variant() {
        return variant;
    }

    /** @return the OS version (Windows), or an empty string */
    public String osVersion() {
        return osVersion;
    }

    /** @return required OS features (Windows), possibly empty */
    public List<String> osFeatures() {
        return osFeatures;
    }

    /** @return the reserved {@code features} list, possibly empty */
    public List<String> features() {
        return features;
    }

    /**
     * Maps aliases to canonical names, as containerd does. Idempotent.
     *
     * @return the normalised platform
     */
    public Platform normalize() {
        String o = os.toLowerCase(Locale.ROOT);
        if (o.equals("macos")) {
            o = "darwin";
        }
        String a = architecture.toLowerCase(Locale.ROOT);
        String v = variant.toLowerCase(Locale.ROOT);
        switch (a) {
            case "i386": case "i486": case "i586": case "i686": case "x86": case "386":
                a = "386";
                break;
            case "x86_64": case "x86-64": case "amd64":
                a = "amd64";
                if (v.equals("v1")) {
                    v = "";
                }
                break;
            case "aarch64": case "arm64":
                a = "arm64";
                if (v.equals("8") || v.equals("v8") || v.equals("v8.0") || v.equals("8.0")) {
                    v = "";
                } else if (!v.isEmpty() && Character.isDigit(v.charAt(0))) {
                    v = "v" + v;
                }
                if (v.equals("v9.0")) {
                    v = "v9";
                }
                break;
            case "armhf":
                a = "arm";
                v = "v7";
                break;
            case "armel":
                a = "arm";
                v = "v6";
                break;
            case "arm":
                if (v.isEmpty() || v.equals("7")) {
                    v = "v7";
                } else if (v.equals("5") || v.equals("6") || v.equals("8")) {
                    v = "v" + v;
                }
                break;
            default:
                break;
        }
        return new Platform(o, a, v, osVersion, osFeatures, features);
    }

    /**
     * Whether {@code candidate} is this platform: equal after normalisation, where
     * an empty variant in this (wanted) platform accepts any variant and an empty
     * OS version accepts any version. Reflexive: every platform matches itself.
     *
     * @param candidate e.g. the platform of an index entry
     * @return whether it matches
     */
    public boolean matches(Platform candidate) {
        Platform want = normalize();
        Platform have = candidate.normalize();
        return want.os.equals(have.os) && want.architecture.equals(have.architecture)
                && (want.variant.isEmpty() || want.variant.equals(have.variant))
                && (want.osVersion.isEmpty() || want.osVersion.equals(have.osVersion));
    }

    /**
     * How well a host of this platform runs {@code candidate}: an exact match
     * ranks highest; an older variant of the same architecture (an arm/v7 host
     * runs arm/v6) ranks lower the older it is; anything else cannot run.
     *
     * @param candidate the platform of an image
     * @return a rank (higher is better), or empty when it cannot run here
     */
    public OptionalInt compatibilityRank(Platform candidate) {
        Platform host = normalize();
        Platform image = candidate.normalize();
        if (!host.os.equals(image.os) || !host.architecture.equals(image.architecture)
                || !(host.osVersion.isEmpty() || host.osVersion.equals(image.osVersion))) {
            return OptionalInt.empty();
        }
        if (host.variant.equals(image.variant)) {
            return OptionalInt.of(Integer.MAX_VALUE);
        }
        List<String> order = variantOrder(host.architecture);
        int hostLevel = order.indexOf(host.variant);
        int imageLevel = order.indexOf(image.variant);
        if (host.variant.isEmpty() && hostLevel < 0) {
            return OptionalInt.of(0); // no variant wanted, architecture without an order: any will do
        }
        if (hostLevel < 0 || imageLevel < 0 || imageLevel > hostLevel) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(imageLevel + 1);
    }

    private static List<String> variantOrder(String architecture) {
        switch (architecture) {
            case "arm": return ARM_VARIANTS;
            case "amd64": return AMD64_VARIANTS;
            case "arm64": return ARM64_VARIANTS;
            default: return List.of();
        }
    }

    /**
     * @param newVariant the variant of the copy, such as {@code v8}; empty for none
     * @return a copy with another variant
     */
    public Platform withVariant(String newVariant) {
        return new Platform(os, architecture, newVariant, osVersion, osFeatures, features);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Platform)) {
            return false;
        }
        Platform p = (Platform) o;
        return os.equals(p.os) && architecture.equals(p.architecture) && variant.equals(p.variant)
                && osVersion.equals(p.osVersion) && osFeatures.equals(p.osFeatures) && features.equals(p.features);
    }

    @Override
    public int hashCode() {
        return Objects.hash(os, architecture, variant, osVersion, osFeatures, features);
    }

    /** @return {@code os/architecture[/variant]} */
    @Override
    public String toString() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
}

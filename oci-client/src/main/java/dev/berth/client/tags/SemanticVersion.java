package dev.berth.client.tags;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tag read as a semantic version, leniently as Helm and most registries'
 * UIs do: an optional {@code v}, one to three numeric parts (missing ones are
 * 0), an optional pre-release after {@code -}, and build metadata after
 * {@code +} or {@code _} (Helm writes {@code +} as {@code _} in tags, which
 * cannot hold {@code +}). Ordered by SemVer 2.0.0 precedence; build metadata
 * does not count.
 *
 * @param major      the major version
 * @param minor      the minor version
 * @param patch      the patch version
 * @param preRelease the pre-release identifiers, empty for a release
 * @param build      the build metadata, possibly empty
 */
public record SemanticVersion(long major, long minor, long patch, List<String> preRelease, String build)
        implements Comparable<SemanticVersion> {

    private static final String NUMBER = "(0|[1-9]\\d{0,17})";
    private static final String IDENTIFIERS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
    private static final Pattern SEMVER = Pattern.compile("^[vV]?" + NUMBER + "(?:\\." + NUMBER + ")?(?:\\." + NUMBER + ")?"
            + "(?:-(" + IDENTIFIERS + "))?(?:[+_](" + IDENTIFIERS + "))?$");
    private static final Pattern NUMERIC = Pattern.compile("\\d+");

    /**
     * Copies the identifiers.
     *
     * @param major the major version
     * @param minor the minor version
     * @param patch the patch version
     * @param preRelease the pre-release identifiers, empty for a release
     * @param build the build metadata, possibly empty
     */
    public SemanticVersion {
        preRelease = List.copyOf(preRelease);
    }

    /**
     * @param tag any tag
     * @return the version, or empty if the tag is not one
     */
    public static Optional<SemanticVersion> parse(String tag) {
        Matcher m = SEMVER.matcher(tag);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SemanticVersion(number(m.group(1)), number(m.group(2)), number(m.group(3)),
                m.group(4) == null ? List.of() : List.of(m.group(4).split("\\.")), m.group(5) == null ? "" : m.group(5)));
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    /** @return whether this is a pre-release */
    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    @Override
    public int compareTo(SemanticVersion o) {
        int c = Comparator.comparingLong(SemanticVersion::major).thenComparingLong(SemanticVersion::minor)
                .thenComparingLong(SemanticVersion::patch).compare(this, o);
        if (c != 0) {
            return c;
        }
        if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty()); // a release outranks its pre-releases
        }
        for (int i = 0; i < Math.min(preRelease.size(), o.preRelease.size()); i++) {
            int ci = compareIdentifier(preRelease.get(i), o.preRelease.get(i));
            if (ci != 0) {
                return ci;
            }
        }
        return Integer.compare(preRelease.size(), o.preRelease.size());
    }

    // Numeric identifiers compare as numbers and rank below alphanumeric ones, which compare in ASCII order.
    private static int compareIdentifier(String a, String b) {
        boolean an = NUMERIC.matcher(a).matches();
        boolean bn = NUMERIC.matcher(b).matches();
        if (an && bn) {
            return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        return a.compareTo(b);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + String.join(".", preRelease))
                + (build.isEmpty() ? "" : "+" + build);
    }
}

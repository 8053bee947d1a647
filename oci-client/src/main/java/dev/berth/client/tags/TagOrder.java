package dev.berth.client.tags;

import java.util.Comparator;
import java.util.Optional;

/** How {@link TagLister} sorts tags. */
public enum TagOrder {
    /** By name, in code-point order. */
    NAME,
    /** By semantic version ({@link SemanticVersion}); tags that are not versions come after, by name. */
    SEMVER,
    /** By the image's creation time; tags without one come after, by name. Needs a request per tag. */
    CREATED;

    /** @return the name order */
    public static Comparator<String> byName() {
        return Comparator.naturalOrder();
    }

    /**
     * @param descending newest version first
     * @return versions in order (equal versions such as {@code 1.2} and {@code v1.2.0} by name), then the other tags
     *         by name whatever the direction
     */
    public static Comparator<String> bySemver(boolean descending) {
        return (a, b) -> {
            Optional<SemanticVersion> va = SemanticVersion.parse(a);
            Optional<SemanticVersion> vb = SemanticVersion.parse(b);
            if (va.isPresent() != vb.isPresent()) {
                return va.isPresent() ? -1 : 1;
            }
            if (va.isPresent()) {
                int c = va.get().compareTo(vb.get());
                if (c != 0) {
                    return descending ? -c : c;
                }
            }
            return a.compareTo(b);
        };
    }
}

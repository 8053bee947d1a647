package dev.berth.client.tags;

import java.util.Objects;

/**
 * What {@link TagLister} returns: which tags ({@link TagFilter}), in which order, and
 * whether to fetch each tag's digest and creation time.
 *
 * @param order      the sort order
 * @param descending reverse the order (versions and dates; unversioned and undated tags stay last)
 * @param filter     a substring or glob; empty for all
 * @param details    fetch each tag's digest and creation time even when the order does not need them
 */
public record TagQuery(TagOrder order, boolean descending, String filter, boolean details) {

    /**
     * Checks the values.
     *
     * @param order the sort order
     * @param descending reverse the order (versions and dates; unversioned and undated tags stay last)
     * @param filter a substring or glob; empty for all
     * @param details fetch each tag's digest and creation time even when the order does not need them
     */
    public TagQuery {
        Objects.requireNonNull(order, "order");
        filter = filter == null ? "" : filter;
    }

    /** @return every tag by name, without details */
    public static TagQuery byName() {
        return new TagQuery(TagOrder.NAME, false, "", false);
    }

    /** @return every tag by semantic version, lowest first */
    public static TagQuery bySemver() {
        return new TagQuery(TagOrder.SEMVER, false, "", false);
    }

    /** @return every tag by creation time, oldest first, with details */
    public static TagQuery byCreated() {
        return new TagQuery(TagOrder.CREATED, false, "", true);
    }

    /** @return this query, in descending order (newest version or date first) */
    public TagQuery reversed() {
        return new TagQuery(order, true, filter, details);
    }

    /**
     * @param pattern a substring or a glob with {@code *} and {@code ?} (see {@link TagFilter}); null or empty for all
     * @return this query, keeping only tags that match {@code pattern}
     */
    public TagQuery matching(String pattern) {
        return new TagQuery(order, descending, pattern, details);
    }

    /** @return this query, fetching digests and creation times */
    public TagQuery withDetails() {
        return new TagQuery(order, descending, filter, true);
    }

    /** @return whether a request per tag is needed */
    public boolean needsDetails() {
        return details || order == TagOrder.CREATED;
    }
}

package dev.berth.server.spi;

import java.util.List;

/**
 * One page of a lexically ordered listing.
 *
 * @param items the names, in lexical order
 * @param more  whether names follow the last one; never true for an empty page, which has no last name to
 *              continue after
 */
public record Page(List<String> items, boolean more) {
    /**
     * Copies the list.
     *
     * @param items the names, in lexical order
     * @param more whether names follow the last one
     */
    public Page {
        items = List.copyOf(items);
    }

    /**
     * Cuts one page out of a sorted set of names, for implementations that hold them all.
     *
     * @param sorted the names, in lexical order
     * @param last   list names after this one, or null
     * @param n      at most this many, or -1 for all; 0 gives an empty page with no next one
     * @return the page
     */
    public static Page of(java.util.NavigableSet<String> sorted, String last, int n) {
        if (n == 0) {
            return new Page(List.of(), false); // nothing to continue after: no next page (the specification: no Link)
        }
        java.util.NavigableSet<String> from = last == null ? sorted : sorted.tailSet(last, false);
        java.util.List<String> items = new java.util.ArrayList<>();
        for (String s : from) {
            if (n >= 0 && items.size() == n) {
                return new Page(items, true);
            }
            items.add(s);
        }
        return new Page(items, false);
    }
}

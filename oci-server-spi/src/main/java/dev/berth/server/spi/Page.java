package dev.berth.server.spi;

import java.util.List;

/**
 * One page of a lexically ordered listing.
 *
 * @param items the names, in lexical order
 * @param more  whether names follow the last one
 */
public record Page(List<String> items, boolean more) {
    /** Copies the list. */
    public Page {
        items = List.copyOf(items);
    }
}

package dev.berth.client;

import java.util.List;
import java.util.Optional;

/**
 * One page of a catalog or tag list.
 *
 * @param items the names on this page, in the registry's order
 * @param next  the {@code last} value that asks for the following page, empty on the final page
 */
public record Page(List<String> items, Optional<String> next) {
    /**
     * Copies the list.
     *
     * @param items the names on this page, in the registry's order
     * @param next the {@code last} value that asks for the following page, empty on the final page
     */
    public Page {
        items = List.copyOf(items);
    }
}

package dev.berth.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a longer list, as every paged read in Berth returns it: a registry's catalog and tag list, a
 * store's events. It holds its items and, unless it is the last page, a continuation: an opaque text that asks
 * the same source for the page after this one (a registry's {@code last} parameter, an event store's cursor).
 * Only the source that gave it knows what it means; pass it back unchanged.
 *
 * <pre>{@code
 * Page<String> page = client.tagsPage("team/app", 100);
 * while (page.next().isPresent()) {
 *     page = client.tagsPage("team/app", 100, page.next().get());
 * }
 * }</pre>
 *
 * @param <T> the type of the items
 */
public final class Page<T> {
    private final List<T> items;
    private final String next;

    private Page(List<T> items, String next) {
        this.items = items;
        this.next = next;
    }

    /**
     * @param items the items of this page, in the source's order; copied
     * @param next  what asks the source for the following page
     * @param <T>   the type of the items
     * @return a page that has a page after it
     * @throws InvalidArgumentException if {@code items} is null or holds a null, or {@code next} is null or blank
     */
    public static <T> Page<T> of(List<T> items, String next) {
        return new Page<>(copy(items), InvalidArgumentException.requireNonBlank(next, "next"));
    }

    /**
     * @param items the items of the last page, in the source's order; copied
     * @param <T>   the type of the items
     * @return the last page: nothing comes after it
     * @throws InvalidArgumentException if {@code items} is null or holds a null
     */
    public static <T> Page<T> last(List<T> items) {
        return new Page<>(copy(items), null);
    }

    /** @return the items of this page, in the source's order; possibly none, even before the last page */
    public List<T> items() {
        return items;
    }

    /** @return what asks the source for the following page; empty on the last page */
    public Optional<String> next() {
        return Optional.ofNullable(next);
    }

    /** @return whether this is the last page */
    public boolean isLast() {
        return next == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Page<?> p && items.equals(p.items) && Objects.equals(next, p.next);
    }

    @Override
    public int hashCode() {
        return Objects.hash(items, next);
    }

    @Override
    public String toString() {
        return "Page[items=" + items + ", next=" + next + "]";
    }

    private static <T> List<T> copy(List<T> items) {
        if (InvalidArgumentException.requireNonNull(items, "items").stream().anyMatch(Objects::isNull)) {
            throw new InvalidArgumentException("items", "must not hold null");
        }
        return List.copyOf(items);
    }
}

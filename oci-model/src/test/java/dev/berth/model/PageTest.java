package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One page type for every paged read: its items, and a continuation that is absent on the last page only. */
class PageTest {
    @Test
    void aPageBeforeTheLastCarriesItsContinuation() {
        Page<String> page = Page.of(List.of("a", "b"), "b");
        assertEquals(List.of("a", "b"), page.items());
        assertEquals(Optional.of("b"), page.next());
        assertFalse(page.isLast());
    }

    @Test
    void theLastPageHasNoContinuation() {
        Page<Integer> page = Page.last(List.of(1));
        assertEquals(Optional.empty(), page.next());
        assertTrue(page.isLast());
        assertTrue(Page.last(List.of()).items().isEmpty());
        assertFalse(Page.of(List.of(), "cursor").isLast(), "a page may be empty and still have pages after it");
    }

    @Test
    void itemsAreCopiedAndImmutable() {
        List<String> items = new ArrayList<>(List.of("a"));
        Page<String> page = Page.last(items);
        items.add("b");
        assertEquals(List.of("a"), page.items());
        assertThrows(UnsupportedOperationException.class, () -> page.items().add("c"));
    }

    @Test
    void pagesAreValues() {
        assertEquals(Page.of(List.of("a"), "a"), Page.of(List.of("a"), "a"));
        assertEquals(Page.of(List.of("a"), "a").hashCode(), Page.of(List.of("a"), "a").hashCode());
        assertNotEquals(Page.of(List.of("a"), "a"), Page.last(List.of("a")));
    }

    @Test
    void aBadArgumentIsATypedErrorNamingIt() {
        assertEquals("items", assertThrows(InvalidArgumentException.class, () -> Page.last(null)).argument());
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertEquals("items", assertThrows(InvalidArgumentException.class, () -> Page.of(withNull, "x")).argument());
        assertEquals("next", assertThrows(InvalidArgumentException.class, () -> Page.of(List.of(), null)).argument());
        assertEquals("next", assertThrows(InvalidArgumentException.class, () -> Page.of(List.of(), " ")).argument());
    }
}

package dev.berth.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeTest {
    @Test
    void parsesAndFormats() {
        Scope s = Scope.parse("repository:team/app:push,pull");
        assertEquals(new Scope("repository", "team/app", Set.of("pull", "push")), s);
        assertEquals("repository:team/app:pull,push", s.toString());
        assertEquals("registry:catalog:*", Scope.CATALOG.toString());
        assertEquals("localhost:5000/a", Scope.parse("repository:localhost:5000/a:pull").name(), "names may hold colons");
        assertEquals("repository(plugin)", Scope.parse("repository(plugin):p:pull").type());
        assertThrows(IllegalArgumentException.class, () -> Scope.parse("aws"));
        assertThrows(IllegalArgumentException.class, () -> Scope.parse("repository:a:"));
    }

    @Test
    void mergeUnitesActionsPerResourceForACrossRepositoryMount() {
        List<Scope> merged = Scope.merge(List.of(Scope.pull("base"), Scope.push("team/app"), Scope.pull("team/app")));
        assertEquals(List.of(Scope.pull("base"), Scope.push("team/app")), merged);
    }

    @Test
    void coversChecksActions() {
        assertTrue(Scope.push("a").covers(Scope.pull("a")));
        assertFalse(Scope.pull("a").covers(Scope.push("a")));
        assertFalse(Scope.push("a").covers(Scope.pull("b")));
        assertTrue(new Scope("repository", "a", Set.of("*")).covers(Scope.delete("a")));
    }
}

package dev.berth.server.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderFieldsTest {
    @Test
    void namesAreFoundWhateverTheirCaseAndGoOutSpelledOneWay() {
        HeaderFields h = new HeaderFields();
        h.add("docker-content-digest", "sha256:1");
        h.add("OCI-Tag", "a");
        h.add("oci-tag", "b");
        assertEquals("sha256:1", h.first("Docker-Content-Digest"));
        assertEquals(List.of("a", "b"), h.all("OCI-TAG"));
        assertEquals(List.of(), h.all("Location"));
        assertNull(h.first("Location"));
        StringBuilder out = new StringBuilder();
        h.appendTo(out);
        assertEquals("Docker-content-digest: sha256:1\r\nOci-tag: a\r\nOci-tag: b\r\n", out.toString());
    }

    @Test
    void setReplacesEveryFieldOfTheNameAndRemoveTakesThemAll() {
        HeaderFields h = new HeaderFields();
        h.add("Vary", "a");
        h.add("Location", "/x");
        h.add("vary", "b");
        h.set("VARY", "c");
        assertEquals(List.of("c"), h.all("vary"));
        h.remove("location");
        assertNull(h.first("Location"));
    }

    @Test
    void crOrLfCannotStartAFieldOrAResponseOfTheirOwn() {
        HeaderFields h = new HeaderFields();
        assertThrows(IllegalArgumentException.class, () -> h.set("Location", "/x\r\nSet-Cookie: a=b"));
        assertThrows(IllegalArgumentException.class, () -> h.add("Location", "/x\nHTTP/1.1 200 OK"));
        assertThrows(IllegalArgumentException.class, () -> h.add("X-A\r\nX-B", "v"));
        assertThrows(IllegalArgumentException.class, () -> h.add("", "v"));
        assertEquals(List.of(), h.all("Location"));
    }
}

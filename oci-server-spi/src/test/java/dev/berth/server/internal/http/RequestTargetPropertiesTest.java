package dev.berth.server.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.URISyntaxException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The request target is split without a {@link URI} when it is a plain path and query, and reads as URI reads it. */
class RequestTargetPropertiesTest {
    @Property(tries = 3000)
    void aTargetReadsAsJavaNetUriReadsItOrIsRefusedAsItRefusesIt(@ForAll("targets") String raw) {
        RequestHead.Target expected;
        try {
            URI uri = new URI(raw);
            expected = new RequestHead.Target(uri.getRawPath(), uri.getRawQuery());
        } catch (URISyntaxException e) {
            expected = null;
        }
        if (expected == null) {
            assertThrows(BadRequestException.class, () -> RequestHead.target(raw, "GET"), raw);
        } else {
            try {
                assertEquals(expected, RequestHead.target(raw, "GET"), raw);
            } catch (BadRequestException e) {
                throw new AssertionError("refused " + raw + ", which URI reads: " + e.getMessage(), e);
            }
        }
    }

    @Test
    void theCommonTargetsSplitAtTheFirstQuestionMark() throws Exception {
        assertEquals(new RequestHead.Target("/v2/app/manifests/1.0", null), RequestHead.target("/v2/app/manifests/1.0", "GET"));
        assertEquals(new RequestHead.Target("/v2/app/tags/list", "n=10&last=a?b"),
                RequestHead.target("/v2/app/tags/list?n=10&last=a?b", "GET"));
        assertEquals(new RequestHead.Target("/v2/a%2Fb/", ""), RequestHead.target("/v2/a%2Fb/?", "GET"));
        assertEquals(new RequestHead.Target("/x", "y"), RequestHead.target("http://h:5000/x?y", "GET"), "the absolute form");
        assertEquals("/p", RequestHead.target("//host/p", "GET").rawPath(), "two slashes begin an authority, as URI reads them");
        assertThrows(BadRequestException.class, () -> RequestHead.target("/a%zz", "GET"));
    }

    // Paths made of the characters that matter: delimiters, escapes good and broken, what URI refuses.
    @Provide
    Arbitrary<String> targets() {
        Arbitrary<String> piece = Arbitraries.of("/", "//", "?", "#", "%", "%2F", "%2", "%zz", "a", "Z", "9", "-", ".", "_", "~",
                "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", ":", "@", "[", "]", "{", "}", "|", "\\", "^", "`",
                "\"", "<", ">", "v2", "manifests", "sha256:ab");
        return Arbitraries.oneOf(Arbitraries.just("/"), Arbitraries.just("http://h"), Arbitraries.just(""))
                .flatMap(start -> piece.list().ofMaxSize(12).map(ps -> start + String.join("", ps)))
                .filter(s -> s.startsWith("/") || s.startsWith("http://"));
    }
}

package dev.berth.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChallengeParserTest {

    @Test
    void readsDockerHubsBearerChallenge() {
        Challenge c = ChallengeParser.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/alpine:pull\"").get(0);
        assertTrue(c.isBearer());
        assertEquals(Optional.of("https://auth.docker.io/token"), c.param("realm"));
        assertEquals(Optional.of("registry.docker.io"), c.param("SERVICE"));
        assertEquals(List.of("repository:library/alpine:pull"), c.scopes());
    }

    @Test
    void parametersMayComeInAnyOrderAndCaseWithSpacesAroundEquals() {
        Challenge c = ChallengeParser.parse("bearer Service = \"s\" , Realm=\"r\"").get(0);
        assertEquals(Map.of("service", "s", "realm", "r"), c.params());
    }

    @Test
    void commasAndEscapesInsideQuotedStrings() {
        Challenge c = ChallengeParser.parse("Bearer realm=\"r\",scope=\"repository:a:pull,push repository:b:pull\","
                + "error=\"insufficient_scope\",x=\"say \\\"hi\\\" \\\\o/\"").get(0);
        assertEquals(List.of("repository:a:pull,push", "repository:b:pull"), c.scopes());
        assertEquals("say \"hi\" \\o/", c.param("x").orElseThrow());
        assertEquals("insufficient_scope", c.param("error").orElseThrow());
    }

    @Test
    void severalChallengesInOneHeaderAndInSeveralHeaders() {
        List<Challenge> cs = ChallengeParser.parse("Basic realm=\"Registry\", Bearer realm=\"https://a/token\",service=\"x\"");
        assertEquals(2, cs.size());
        assertTrue(cs.get(0).isBasic());
        assertEquals("https://a/token", cs.get(1).param("realm").orElseThrow());
        assertEquals(3, ChallengeParser.parse(List.of("Negotiate", "Basic realm=x, Bearer realm=y")).size());
    }

    @Test
    void quirksSeenInTheWild() {
        assertTrue(ChallengeParser.parse("Basic").get(0).isBasic(), "Basic without realm (jib#4032)");
        assertTrue(ChallengeParser.parse("BASIC realm=\"Sonatype Nexus Repository Manager\"").get(0).isBasic(), "Nexus");
        assertEquals(Optional.empty(), ChallengeParser.parse("Bearer realm=\"https://nvcr.io/proxy_auth\"").get(0).param("service"));
        assertEquals(List.of("aws"), ChallengeParser.parse("Bearer realm=\"r\",service=\"ecr\",scope=\"aws\"").get(0).scopes());
        assertEquals("dXNlcjpwYXNz", ChallengeParser.parse("Basic dXNlcjpwYXNz").get(0).token68());
        assertEquals("abc==", ChallengeParser.parse("Negotiate abc==, Basic realm=x").get(0).token68());
        assertEquals("r", ChallengeParser.parse(" , Bearer realm=r,, ").get(0).param("realm").orElseThrow());
    }

    @Test
    void malformedHeadersAreTypedErrorsWithAPosition() {
        for (String bad : List.of("", "   ", "Bearer realm=\"unterminated", "Bearer a=b=c", "Bearer =x", "Bearer realm=\"a\" service=\"b\"",
                "Bearer realm=\"a\",realm=\"b\"", "\"quoted\"")) {
            ChallengeParseException e = assertThrows(ChallengeParseException.class, () -> ChallengeParser.parse(bad), bad);
            assertTrue(e.getMessage().contains("WWW-Authenticate"), e.getMessage());
        }
    }

    @Test
    void formattedChallengesParseBack() {
        Challenge c = Challenge.of("bearer", Map.of("realm", "https://x/token?a=b,c", "scope", "repository:a:pull \"q\""));
        assertEquals(List.of(c), ChallengeParser.parse(c.toString()));
    }
}

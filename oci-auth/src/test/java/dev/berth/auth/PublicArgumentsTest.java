package dev.berth.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.testsupport.PublicArguments;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client side of registry auth takes no null as a meaningful argument: each entry point refuses a null,
 * blank or negative argument with {@link dev.berth.model.InvalidArgumentException} naming the parameter.
 * What a registry sends (a challenge) is a {@link ChallengeParseException} when malformed, not an argument error.
 */
class PublicArgumentsTest {
    @TempDir
    Path dir;

    private PublicArguments checker() {
        return PublicArguments.with(Map.ofEntries(
                        Map.entry(URI.class, URI.create("http://127.0.0.1:1/v2/")),
                        Map.entry(List.class, List.of()),
                        Map.entry(Collection.class, List.of()),
                        Map.entry(Set.class, Set.of("pull")),
                        Map.entry(Map.class, Map.of()),
                        Map.entry(Path.class, dir.resolve("config.json")),
                        Map.entry(Clock.class, Clock.systemUTC()),
                        Map.entry(HttpClient.class, HttpClient.newHttpClient()),
                        Map.entry(Credential.class, Credential.basic("ci", "pw")),
                        Map.entry(CredentialProvider.class, CredentialProviders.of("127.0.0.1:1", Credential.basic("ci", "pw"))),
                        Map.entry(CredentialProvider[].class, new CredentialProvider[0]),
                        Map.entry(Scope.class, Scope.pull("team/app"))))
                .strings(Map.ofEntries(Map.entry("registry", "127.0.0.1:1"), Map.entry("repository", "team/app"),
                        Map.entry("sentAuthorization", "Bearer t"), Map.entry("value", "berth-test"),
                        Map.entry("type", "repository"), Map.entry("name", "team/app"), Map.entry("text", "repository:a:pull"),
                        Map.entry("headerValue", "Basic realm=x"), Map.entry("username", "ci"),
                        Map.entry("password", "pw"), Map.entry("token", "t")))
                // what a registry sends is answered as such: a blank challenge is a ChallengeParseException
                .blankAllowed("headerValue", "text", "sentAuthorization")
                // credentials are opaque values; a scope's parts are checked for emptiness by Scope itself
                .blankAllowed("username", "password", "token", "type", "name", "repository");
    }

    @Test
    void theAuthenticatorNamesEveryBadArgument() {
        PublicArguments check = checker();
        List<String> failures = new ArrayList<>();
        failures.addAll(check.check(RegistryAuthenticator.class, RegistryAuthenticator.builder()
                .credentials(CredentialProviders.of("127.0.0.1:1", Credential.basic("ci", "pw"))).build()));
        failures.addAll(check.check(RegistryAuthenticator.Builder.class, t -> RegistryAuthenticator.builder()));
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    @Test
    void credentialsScopesAndChallengesNameEveryBadArgument() {
        PublicArguments check = checker();
        List<String> failures = new ArrayList<>();
        failures.addAll(check.check(CredentialProviders.class, (Object) null));
        failures.addAll(check.check(Credential.class, (Object) null));
        failures.addAll(check.check(Scope.class, Scope.pull("team/app")));
        failures.addAll(check.check(ChallengeParser.class, (Object) null));
        assertEquals(List.of(), failures, String.join("\n", failures));
    }
}

package dev.berth.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.internal.Token;
import dev.berth.auth.internal.TokenCache;
import dev.berth.auth.vault.CredentialVault;
import dev.berth.auth.vault.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a client's credentials and tokens print: never the secret, always enough to tell which one it is. */
class SecretsNeverPrintedTest {
    private static final String SECRET = "s3cr3t-value-that-must-not-show";

    private static void assertMasked(Object printed, String stillShown) {
        String s = String.valueOf(printed);
        assertFalse(s.contains(SECRET), "the secret shows in: " + s);
        assertTrue(s.contains(stillShown), "\"" + stillShown + "\" is not in: " + s);
    }

    @Test
    void credentialsShowTheirKindAndUserButNotTheirSecret() {
        assertMasked(Credential.basic("alice", SECRET), "alice");
        assertMasked(Credential.identityToken("bob", SECRET), "bob");
        assertMasked(Credential.bearer(SECRET), "bearer token");
        assertMasked(List.of(Credential.basic("carol", SECRET)), "carol"); // inside a collection too
        assertMasked(Credential.ANONYMOUS, "anonymous");
    }

    @Test
    void tokensAndTheirCacheKeysShowNoTokenValue() {
        Token token = new Token(SECRET, Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(5));
        assertMasked(token, "300 s");
        TokenCache.Key key = new TokenCache.Key("https://auth.example/token", "registry", "repository:team/app:pull",
                Credential.basic("alice", SECRET).toString());
        assertMasked(key, "alice");
    }

    @Test
    void vaultSecretsAndTheVaultItselfShowNoKeyOrValue() {
        assertMasked(new Secret(SECRET), "****");
        String key = CredentialVault.generateKey();
        String vault = CredentialVault.fromBase64Key(key).toString();
        assertFalse(vault.contains(key), vault);
        assertTrue(vault.contains("****"), vault);
    }
}

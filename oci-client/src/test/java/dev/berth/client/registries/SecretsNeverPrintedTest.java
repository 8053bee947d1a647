package dev.berth.client.registries;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.Scope;
import dev.berth.auth.vault.Secret;
import dev.berth.client.internal.Call;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the client's configuration and requests print: never a password, token or Authorization value. */
class SecretsNeverPrintedTest {
    private static final String SECRET = "s3cr3t-value-that-must-not-show";

    private static void assertMasked(Object printed, String stillShown) {
        String s = String.valueOf(printed);
        assertFalse(s.contains(SECRET), "the secret shows in: " + s);
        assertTrue(s.contains(stillShown), "\"" + stillShown + "\" is not in: " + s);
    }

    @Test
    void aRequestPrintsItsHeadersWithCredentialsMasked() {
        Call call = Call.of("GET manifest team/app:1.0", "GET", URI.create("https://registry.example/v2/team/app/manifests/1.0"),
                        List.of(Scope.pull("team/app")))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json")
                .header("Authorization", "Bearer " + SECRET)
                .header("Proxy-Authorization", "Basic " + SECRET)
                .header("X-Registry-Token", SECRET)
                .header("Cookie", "session=" + SECRET);
        assertMasked(call, "application/vnd.oci.image.manifest.v1+json");
        assertMasked(call, "Authorization=****");
        assertMasked(call, "GET manifest team/app:1.0");
    }

    @Test
    void aStoredRegistryShowsItsSettingsButNotItsPassword() {
        StoredRegistry stored = new StoredRegistry(RegistryEntry.of("corp", "registry.corp.example").withUsername("ci"),
                Optional.of(new Secret(SECRET)));
        assertMasked(stored, "registry.corp.example");
        assertMasked(stored, "ci");
        assertMasked(stored.credential(), "ci");
    }
}

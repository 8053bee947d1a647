package dev.berth.client.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnvVarTest {
    @Test
    void secretLookingNamesAreMaskedWhateverTheirCase() {
        for (String name : new String[] {"PASSWORD", "db_password", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "apiKey",
                "GOOGLE_APPLICATION_CREDENTIALS", "BASIC_AUTH", "PRIVATE_PEM"}) {
            EnvVar v = EnvVar.of(name + "=value");
            assertTrue(v.masked(), name);
            assertEquals(EnvVar.MASK, v.value(), name);
        }
        EnvVar path = EnvVar.of("PATH=/usr/bin");
        assertFalse(path.masked());
        assertEquals("/usr/bin", path.value());
        assertFalse(EnvVar.of("EMPTY_TOKEN=").masked(), "nothing to hide");
        assertEquals("NO_VALUE", EnvVar.of("NO_VALUE").name());
    }

    @Test
    void urlPasswordsAreMaskedAndTheRestKept() {
        assertEquals("redis://:********@cache:6379/0", EnvVar.of("CACHE=redis://:pw@cache:6379/0").value());
        assertEquals("https://example.org/a@b", EnvVar.of("HOME_URL=https://example.org/a@b").value());
        assertEquals("RUN |2 NPM_TOKEN=******** VERSION=1.2 /bin/sh -c npm ci",
                EnvVar.maskText("RUN |2 NPM_TOKEN=abc VERSION=1.2 /bin/sh -c npm ci"));
    }
}

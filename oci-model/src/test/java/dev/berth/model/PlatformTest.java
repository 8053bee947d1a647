package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "linux/arm64/v8, linux/arm64",
            "linux/aarch64, linux/arm64",
            "linux/aarch64/8.2, linux/arm64/v8.2",
            "linux/x86_64, linux/amd64",
            "linux/amd64/v1, linux/amd64",
            "linux/amd64/v3, linux/amd64/v3",
            "linux/arm, linux/arm/v7",
            "linux/armhf, linux/arm/v7",
            "linux/armel, linux/arm/v6",
            "linux/arm/6, linux/arm/v6",
            "linux/i686, linux/386",
            "macOS/arm64, darwin/arm64",
            "Linux/AMD64, linux/amd64",
            "windows/amd64, windows/amd64",
    })
    void normalisesAliases(String input, String normalised) {
        assertEquals(normalised, Platform.parse(input).normalize().toString());
    }

    @Test
    void arm64AndArm64v8AreTheSamePlatform() {
        assertTrue(Platform.parse("linux/arm64").matches(Platform.parse("linux/arm64/v8")));
        assertTrue(Platform.parse("linux/arm64/v8").matches(Platform.parse("linux/arm64")));
    }

    @Test
    void anEmptyWantedVariantAcceptsAnyVariant() {
        assertTrue(Platform.parse("linux/amd64").matches(Platform.parse("linux/amd64/v3")));
        assertFalse(Platform.parse("linux/amd64/v3").matches(Platform.parse("linux/amd64")));
        assertFalse(Platform.parse("linux/arm/v7").matches(Platform.parse("linux/arm/v6")));
    }

    @Test
    void differentOsOrArchitectureNeverMatch() {
        assertFalse(Platform.parse("linux/amd64").matches(Platform.parse("windows/amd64")));
        assertFalse(Platform.parse("linux/amd64").matches(Platform.parse("linux/arm64")));
    }

    @Test
    void windowsOsVersionMustMatchWhenWanted() {
        Platform ltsc2019 = Platform.of("windows", "amd64", "", "10.0.17763.1879", java.util.List.of(), java.util.List.of());
        Platform ltsc2022 = Platform.of("windows", "amd64", "", "10.0.20348.1", java.util.List.of(), java.util.List.of());
        assertTrue(Platform.parse("windows/amd64").matches(ltsc2019));
        assertFalse(ltsc2019.matches(ltsc2022));
    }

    @Test
    void olderVariantsAreCompatibleNewerAreNot() {
        Platform v7 = Platform.parse("linux/arm/v7");
        assertTrue(v7.compatibilityRank(Platform.parse("linux/arm/v6")).isPresent());
        assertTrue(v7.compatibilityRank(Platform.parse("linux/arm/v6")).getAsInt()
                > v7.compatibilityRank(Platform.parse("linux/arm/v5")).getAsInt());
        assertFalse(v7.compatibilityRank(Platform.parse("linux/arm/v8")).isPresent());
        assertFalse(Platform.parse("linux/amd64").compatibilityRank(Platform.parse("linux/amd64/v2")).isPresent());
        assertTrue(Platform.parse("linux/amd64/v3").compatibilityRank(Platform.parse("linux/amd64")).isPresent());
    }

    @Test
    void malformedPlatformsAreRefused() {
        assertThrows(InvalidPlatformException.class, () -> Platform.parse("linux"));
        assertThrows(InvalidPlatformException.class, () -> Platform.parse("linux//v7"));
        assertThrows(InvalidPlatformException.class, () -> Platform.parse("a/b/c/d"));
        assertThrows(InvalidPlatformException.class, () -> Platform.parse("linux/amd 64"));
        assertThrows(InvalidPlatformException.class, () -> Platform.parse(""));
    }
}

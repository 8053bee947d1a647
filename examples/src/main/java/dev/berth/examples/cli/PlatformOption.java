package dev.berth.examples.cli;

import dev.berth.model.OciException;
import dev.berth.model.Platform;
import java.util.Locale;
import java.util.Optional;

/** {@code --platform OS/ARCH[/VARIANT]}, defaulting to the machine Berth runs on, as Docker does. */
final class PlatformOption {
    private PlatformOption() {
    }

    /** @return the platform the command line asks for, if it asks */
    static Optional<Platform> requested(CommandLine line) {
        return line.value("platform").map(text -> {
            try {
                return Platform.parse(text);
            } catch (OciException e) {
                throw new UsageException("--platform: " + e.getMessage());
            }
        });
    }

    /** @return the requested platform, else this machine's */
    static Platform orHost(CommandLine line) {
        return requested(line).orElseGet(PlatformOption::host);
    }

    /** @return linux (or this OS) and the JVM's architecture in OCI's words (normalize maps x86_64, aarch64 ...) */
    static Platform host() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String ociOs = os.contains("windows") ? "windows" : os.contains("mac") ? "darwin" : "linux";
        return Platform.of(ociOs, System.getProperty("os.arch").toLowerCase(Locale.ROOT)).normalize();
    }
}

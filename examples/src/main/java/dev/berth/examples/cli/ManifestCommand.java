package dev.berth.examples.cli;

import dev.berth.client.RegistryClient;
import dev.berth.model.Platform;
import dev.berth.model.Reference;
import dev.berth.model.manifest.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;

/** {@code berth manifest REF [--platform P] [--raw]}: the manifest, pretty or as its exact bytes. */
final class ManifestCommand extends RegistryCommand {


    ManifestCommand(RegistryAccess access) {
        super(access);
    }

    @Override
    public String name() {
        return "manifest";
    }

    @Override
    public String synopsis() {
        return "manifest REF [--platform OS/ARCH[/VARIANT]] [--raw] " + RegistryAccess.SYNOPSIS;
    }

    @Override
    public String summary() {
        return "print the manifest (an index's entry for --platform; the exact bytes with --raw)";
    }

    @Override
    Set<String> ownValueOptions() {
        return Set.of("platform");
    }

    @Override
    Set<String> ownFlagOptions() {
        return Set.of("raw");
    }

    @Override
    public void run(CommandLine line, Output output) {
        Reference ref = RegistryAccess.reference(line.requirePositionals(1, "REF").get(0));
        try (RegistryClient client = access.client(line, ref.registry())) {
            Optional<Platform> platform = PlatformOption.requested(line);
            Manifest manifest = platform.isPresent() ? client.getImageManifest(ref, platform.get()) : client.getManifest(ref);
            if (line.flag("raw")) {
                output.raw(manifest.bytes());
                return;
            }
            try {
                if (output.isJson()) {
                    output.section("manifest", ref.familiarForm());
                    output.item("digest", "digest", manifest.digest());
                    output.item("mediaType", "media type", manifest.mediaType());
                    output.json("content", CliJson.mapper().readTree(manifest.bytes()));
                } else {
                    output.say(CliJson.mapper().readTree(manifest.bytes()).toPrettyString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

package dev.berth.examples.cli;

import dev.berth.client.RegistryClient;
import dev.berth.model.Reference;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/** {@code berth config REF [--platform P]}: the image configuration (of the entry for this machine's platform in an index). */
final class ConfigCommand extends RegistryCommand {
    ConfigCommand(RegistryAccess access) {
        super(access);
    }

    @Override
    public String name() {
        return "config";
    }

    @Override
    public String synopsis() {
        return "config REF [--platform OS/ARCH[/VARIANT]] " + RegistryAccess.SYNOPSIS;
    }

    @Override
    public String summary() {
        return "print the image configuration";
    }

    @Override
    Set<String> ownValueOptions() {
        return Set.of("platform");
    }

    @Override
    public void run(CommandLine line, Output output) {
        Reference ref = RegistryAccess.reference(line.requirePositionals(1, "REF").get(0));
        try (RegistryClient client = access.client(line, ref.registry())) {
            ImageManifest image = client.getImageManifest(ref, PlatformOption.orHost(line));
            if (image.config().size() > ImageConfig.MAX_BYTES) {
                throw new dev.berth.model.ContentTooLargeException("image configuration", ImageConfig.MAX_BYTES,
                        image.config().size());
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            client.getBlob(ref.repository(), image.config(), bytes, dev.berth.client.TransferListener.NONE);
            try {
                var tree = CliJson.mapper().readTree(bytes.toByteArray());
                if (output.isJson()) {
                    output.section("config", ref.familiarForm());
                    output.item("digest", "digest", image.config().digest());
                    output.item("mediaType", "media type", image.config().mediaType());
                    output.json("content", tree);
                } else {
                    output.say(tree.toPrettyString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

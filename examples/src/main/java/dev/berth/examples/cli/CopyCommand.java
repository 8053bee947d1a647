package dev.berth.examples.cli;

import dev.berth.client.RegistryClient;
import dev.berth.client.copy.CopyOptions;
import dev.berth.client.copy.CopyResult;
import dev.berth.client.copy.ImageCopier;
import dev.berth.client.copy.ImageLocation;
import dev.berth.client.copy.PlatformSelection;
import dev.berth.client.layout.OciLayout;
import dev.berth.model.OciException;
import dev.berth.model.Platform;
import dev.berth.model.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code berth copy SRC DST}: an image or index between registries and OCI
 * image layouts ({@code oci:PATH[:TAG]}), mounting blobs within a registry and
 * sending nothing the destination has.
 */
final class CopyCommand extends RegistryCommand {
    CopyCommand(RegistryAccess access) {
        super(access);
    }

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public String synopsis() {
        return "copy SRC DST [--platform OS/ARCH[/VARIANT]]... [--all-platforms] [--referrers] [--parallel N] "
                + RegistryAccess.SYNOPSIS;
    }

    @Override
    public String summary() {
        return "copy between registries and/or OCI layouts (oci:PATH[:TAG]); without --platform or --all-platforms,"
                + " the image for this machine's platform";
    }

    @Override
    Set<String> ownValueOptions() {
        return Set.of("platform", "parallel");
    }

    @Override
    Set<String> ownFlagOptions() {
        return Set.of("all-platforms", "referrers");
    }

    @Override
    public void run(CommandLine line, Output output) {
        List<String> args = line.requirePositionals(2, "SRC DST");
        int parallel = line.value("parallel").map(p -> (int) CatalogCommand.positive(p)).orElse(CopyOptions.DEFAULT_PARALLELISM);
        PlatformSelection platforms = platforms(line);
        Progress progress = output.progress();
        CopyOptions options = CopyOptions.builder().platforms(platforms).referrers(line.flag("referrers")).parallelism(parallel)
                .progress(progress).build();
        Map<String, RegistryClient> clients = new HashMap<>(); // one per registry, so copies within one can mount
        CopyResult result;
        try (progress) {
            ImageLocation source = location(line, clients, args.get(0), true);
            ImageLocation destination = location(line, clients, args.get(1), false);
            result = new ImageCopier(options).copy(source, destination);
        } finally {
            clients.values().forEach(RegistryClient::close);
        }
        output.section("copy", args.get(0) + " -> " + args.get(1));
        output.item("digest", "digest", result.destination().digest());
        output.item("mediaType", "media type", result.destination().mediaType());
        if (result.digestChanged()) {
            output.item("sourceDigest", "source digest", result.source().digest() + " (a subset of its platforms was copied)");
        }
        output.item("manifests", "manifests", result.manifests().size());
        output.item("referrers", "referrers", result.referrers().size());
        output.item("blobsTransferred", "blobs sent", result.blobCount(dev.berth.client.TransferListener.Outcome.TRANSFERRED)
                + " (" + String.format("%,d", result.bytesTransferred()) + " bytes)");
        output.item("blobsMounted", "blobs mounted", result.blobCount(dev.berth.client.TransferListener.Outcome.MOUNTED));
        output.item("blobsPresent", "blobs already there",
                result.blobCount(dev.berth.client.TransferListener.Outcome.ALREADY_PRESENT));
    }

    // Like docker pull: an index gives this machine's image unless told otherwise; a single image is copied as it is.
    private static PlatformSelection platforms(CommandLine line) {
        List<String> wanted = line.valuesOf("platform");
        if (line.flag("all-platforms")) {
            if (!wanted.isEmpty()) {
                throw new UsageException("--all-platforms and --platform exclude each other");
            }
            return PlatformSelection.all();
        }
        if (wanted.isEmpty()) {
            return PlatformSelection.preferring(PlatformOption.host());
        }
        List<Platform> parsed = wanted.stream().map(p -> {
            try {
                return Platform.parse(p);
            } catch (OciException e) {
                throw new UsageException("--platform: " + e.getMessage());
            }
        }).toList();
        return parsed.size() == 1 ? PlatformSelection.image(parsed.get(0)) : PlatformSelection.of(parsed);
    }

    private ImageLocation location(CommandLine line, Map<String, RegistryClient> clients, String text, boolean source) {
        if (text.startsWith("oci:")) {
            String rest = text.substring(4);
            int colon = rest.lastIndexOf(':');
            boolean hasTag = colon > rest.lastIndexOf('/') && colon >= 0;
            Path dir = Path.of(hasTag ? rest.substring(0, colon) : rest);
            String tag = hasTag ? rest.substring(colon + 1) : null;
            if (source) {
                if (!Files.isDirectory(dir)) {
                    throw new UsageException(dir + " is not an OCI image layout directory");
                }
                return ImageLocation.layout(OciLayout.open(dir), tag != null ? tag : "latest");
            }
            return ImageLocation.layout(OciLayout.create(dir), tag);
        }
        Reference ref = RegistryAccess.reference(text);
        RegistryClient client = clients.computeIfAbsent(ref.registry(), r -> access.client(line, r));
        return ImageLocation.registry(client, ref);
    }
}

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
 * {@code berth copy SRC DST}: an image or index between registries, OCI
 * image layouts ({@code oci:PATH[:TAG]}) and tar archives
 * ({@code oci-archive:FILE[:REF]}, {@code docker-archive:FILE[:REF]}, named as
 * skopeo names them), mounting blobs within a registry and sending nothing the
 * destination has.
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
        return "copy between registries, OCI layouts (oci:PATH[:TAG]) and tar archives (oci-archive:FILE[:REF],"
                + " docker-archive:FILE[:REF]); without --platform or --all-platforms, the image for this machine's platform";
    }

    @Override
    public List<OptionHelp> optionHelp() {
        return List.of(
                new OptionHelp("SRC, DST", "[registry/]repository[:tag][@digest], or one of the forms below"),
                new OptionHelp("oci:PATH[:TAG]", "an OCI image layout directory; as a source, TAG defaults to latest"),
                new OptionHelp("oci-archive:FILE[:REF]", "an OCI image layout in a tar file, as skopeo's oci-archive:;"
                        + " REF is a tag (org.opencontainers.image.ref.name), none for an archive of one image"),
                new OptionHelp("docker-archive:FILE[:REF]", "a docker save / docker load tar file, as skopeo's"
                        + " docker-archive:; REF is a name:tag of its RepoTags (or @N, the N-th image), none for an"
                        + " archive of one image; it holds single-platform images only"),
                new OptionHelp("archives", "read in place, never unpacked; written beside FILE and renamed over it once"
                        + " complete; FILE ends at the first ':', as in skopeo"),
                new OptionHelp("--platform OS/ARCH[/VARIANT]", "the image for this platform; repeated, an index of these"),
                new OptionHelp("--all-platforms", "the whole index, byte for byte"),
                new OptionHelp("--referrers", "also the signatures, SBOMs and attestations referring to what is copied"),
                new OptionHelp("--parallel N", "blobs moved at once (default " + CopyOptions.DEFAULT_PARALLELISM + ")"));
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
        for (String kind : List.of("oci-archive:", "docker-archive:")) {
            if (text.startsWith(kind)) {
                return archive(kind, text.substring(kind.length()), source);
            }
        }
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

    // skopeo's split: the file ends at the first ':', the rest (which may hold ':', as name:tag) is the reference.
    private static ImageLocation archive(String kind, String rest, boolean source) {
        int colon = rest.indexOf(':');
        Path file = Path.of(colon < 0 ? rest : rest.substring(0, colon));
        String reference = colon < 0 || colon == rest.length() - 1 ? null : rest.substring(colon + 1);
        if (file.toString().isEmpty()) {
            throw new UsageException(kind + " needs a file name: " + kind + "FILE[:REF]");
        }
        if (source && !Files.isRegularFile(file)) {
            throw new UsageException(file + " is not a file");
        }
        return kind.equals("oci-archive:") ? ImageLocation.ociArchive(file, reference)
                : ImageLocation.dockerArchive(file, reference);
    }
}

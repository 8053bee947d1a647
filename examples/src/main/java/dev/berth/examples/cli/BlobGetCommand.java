package dev.berth.examples.cli;

import dev.berth.client.ProgressTracker;
import dev.berth.client.RegistryClient;
import dev.berth.model.Descriptor;
import dev.berth.model.OciException;
import dev.berth.model.Reference;
import java.nio.file.Path;

/** {@code berth blob get REPOSITORY@DIGEST FILE}: one blob to a file, verified, resumed if a partial file is there. */
final class BlobGetCommand extends RegistryCommand {
    BlobGetCommand(RegistryAccess access) {
        super(access);
    }

    @Override
    public String name() {
        return "blob get";
    }

    @Override
    public String synopsis() {
        return "blob get REPOSITORY@DIGEST FILE " + RegistryAccess.SYNOPSIS;
    }

    @Override
    public String summary() {
        return "download one blob, verified against its digest; an interrupted download resumes";
    }

    @Override
    public void run(CommandLine line, Output output) {
        var args = line.requirePositionals(2, "REPOSITORY@DIGEST FILE");
        Reference ref = RegistryAccess.reference(args.get(0));
        if (ref.digest().isEmpty()) {
            throw new UsageException("name the blob by digest: REPOSITORY@sha256:...");
        }
        try (RegistryClient client = access.client(line, ref.registry()); Progress progress = output.progress()) {
            Descriptor blob = client.statBlob(ref.repository(), ref.digest().get())
                    .orElseThrow(() -> new OciException(ref.familiarForm() + ": no such blob"));
            Path file = Path.of(args.get(1));
            ProgressTracker tracker = progress.tracker();
            client.getBlob(ref.repository(), blob, file, tracker);
            tracker.finish();
            output.section("blob", ref.familiarForm());
            output.item("digest", "digest", blob.digest());
            output.item("size", "size", blob.size());
            output.item("file", "file", file);
        }
    }
}

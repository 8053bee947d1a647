package dev.berth.examples.cli;

import dev.berth.client.BlobSource;
import dev.berth.client.ProgressTracker;
import dev.berth.client.RegistryClient;
import dev.berth.client.TransferListener;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.DigestAlgorithm;
import dev.berth.model.MediaType;
import dev.berth.model.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code berth blob put REPOSITORY FILE}: one blob from a file; prints its digest. */
final class BlobPutCommand extends RegistryCommand {
    BlobPutCommand(RegistryAccess access) {
        super(access);
    }

    @Override
    public String name() {
        return "blob put";
    }

    @Override
    public String synopsis() {
        return "blob put REPOSITORY FILE " + RegistryAccess.SYNOPSIS;
    }

    @Override
    public String summary() {
        return "upload one blob (skipped if the repository has it) and print its digest";
    }

    @Override
    public void run(CommandLine line, Output output) {
        var args = line.requirePositionals(2, "REPOSITORY FILE");
        Reference ref = RegistryAccess.reference(args.get(0));
        if (ref.tag().isPresent() || ref.digest().isPresent()) {
            throw new UsageException("name a repository, without tag or digest");
        }
        Path file = Path.of(args.get(1));
        if (!Files.isRegularFile(file)) {
            throw new UsageException(file + " is not a readable file");
        }
        Digest digest;
        try (InputStream in = Files.newInputStream(file)) {
            digest = Digest.compute(DigestAlgorithm.SHA256, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        BlobSource source = BlobSource.of(file);
        Descriptor blob = Descriptor.of(MediaType.OCTET_STREAM, digest, source.size());
        try (RegistryClient client = access.client(line, ref.registry()); Progress progress = output.progress()) {
            ProgressTracker tracker = progress.tracker();
            TransferListener.Outcome outcome = client.pushBlob(ref.repository(), blob, source, tracker);
            tracker.finish();
            if (output.isJson()) {
                output.section("blob", ref.repository());
                output.item("digest", "digest", digest);
                output.item("size", "size", blob.size());
                output.item("outcome", "outcome", outcome.name().toLowerCase());
            } else {
                output.say(digest.toString());
            }
        }
    }
}

package dev.berth.examples.cli;

import dev.berth.model.Descriptor;
import dev.berth.model.OciException;
import dev.berth.model.Reference;

/** {@code berth digest REF}: the manifest digest, from a HEAD request (no body, no pull counted on Docker Hub). */
final class DigestCommand extends RegistryCommand {
    DigestCommand(RegistryAccess access) {
        super(access);
    }

    @Override
    public String name() {
        return "digest";
    }

    @Override
    public String synopsis() {
        return "digest REF " + RegistryAccess.SYNOPSIS;
    }

    @Override
    public String summary() {
        return "print the manifest digest (HEAD, no body)";
    }

    @Override
    public void run(CommandLine line, Output output) {
        Reference ref = RegistryAccess.reference(line.requirePositionals(1, "REF").get(0));
        Descriptor d = access.using(line, ref.registry(), c -> c.statManifest(ref.repository(), ref.identifier()))
                .orElseThrow(() -> new OciException(ref.familiarForm() + ": no such manifest"));
        if (output.isJson()) {
            output.section("manifest", ref.familiarForm());
            output.item("digest", "digest", d.digest());
            output.item("mediaType", "media type", d.mediaType());
            output.item("size", "size", d.size());
        } else {
            output.say(d.digest().toString());
        }
    }
}

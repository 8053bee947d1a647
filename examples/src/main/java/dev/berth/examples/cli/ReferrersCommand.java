package dev.berth.examples.cli;

import dev.berth.client.RegistryClient;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.OciException;
import dev.berth.model.Reference;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code berth referrers REF [--artifact-type T]}: the artifacts whose subject is REF's manifest. */
final class ReferrersCommand extends RegistryCommand {
    ReferrersCommand(RegistryAccess access) {
        super(access);
    }

    @Override
    public String name() {
        return "referrers";
    }

    @Override
    public String synopsis() {
        return "referrers REF [--artifact-type T] " + RegistryAccess.SYNOPSIS;
    }

    @Override
    public String summary() {
        return "list referrers (signatures, SBOMs, attestations), through the referrers API or the tag-schema fallback";
    }

    @Override
    Set<String> ownValueOptions() {
        return Set.of("artifact-type");
    }

    @Override
    public void run(CommandLine line, Output output) {
        Reference ref = RegistryAccess.reference(line.requirePositionals(1, "REF").get(0));
        try (RegistryClient client = access.client(line, ref.registry())) {
            Digest subject = ref.digest().orElseGet(() -> client.statManifest(ref.repository(), ref.identifier())
                    .orElseThrow(() -> new OciException(ref.familiarForm() + ": no such manifest")).digest());
            Optional<String> artifactType = line.value("artifact-type");
            List<Descriptor> referrers = artifactType.isPresent()
                    ? client.referrers(ref.repository(), subject, artifactType.get())
                    : client.referrers(ref.repository(), subject);
            output.lines("referrers", referrers.stream()
                    .map(d -> d.digest() + " " + d.artifactType().orElse(d.mediaType()) + " " + d.size()).toList());
        }
    }
}

package dev.berth.examples.cli;

import dev.berth.client.RegistryClient;
import dev.berth.client.tags.TagDeleter;
import dev.berth.client.tags.TagDeletion;
import dev.berth.model.Reference;

/**
 * {@code berth delete REF}: deletes a manifest. A tag is resolved to its digest
 * first, and the other tags that point at the same manifest (and go with it)
 * are named.
 */
final class DeleteCommand extends RegistryCommand {
    DeleteCommand(RegistryAccess access) {
        super(access);
    }

    @Override
    public String name() {
        return "delete";
    }

    @Override
    public String synopsis() {
        return "delete REF " + RegistryAccess.SYNOPSIS;
    }

    @Override
    public String summary() {
        return "delete a manifest (a tag is resolved to its digest first; says which other tags go with it)";
    }

    @Override
    public void run(CommandLine line, Output output) {
        Reference ref = RegistryAccess.reference(line.requirePositionals(1, "REF").get(0));
        try (RegistryClient client = access.client(line, ref.registry())) {
            output.section("delete", ref.familiarForm());
            if (ref.digest().isPresent()) {
                client.deleteManifest(ref.repository(), ref.digest().get());
                output.item("digest", "deleted", ref.digest().get());
                return;
            }
            TagDeletion deletion = new TagDeleter(client).delete(ref.repository(), ref.identifier());
            output.item("digest", "deleted", deletion.manifest().digest());
            output.list("alsoRemoved", "other tags removed with it", deletion.alsoRemoved());
        }
    }
}

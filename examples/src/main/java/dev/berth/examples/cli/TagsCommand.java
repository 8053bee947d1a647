package dev.berth.examples.cli;

import dev.berth.client.tags.TagInfo;
import dev.berth.client.tags.TagLister;
import dev.berth.client.tags.TagQuery;
import dev.berth.model.Reference;
import java.util.List;
import java.util.Set;

/** {@code berth tags REPOSITORY [--filter S] [--sort name|semver|date]}: the tags, following pagination. */
final class TagsCommand extends RegistryCommand {
    TagsCommand(RegistryAccess access) {
        super(access);
    }

    @Override
    public String name() {
        return "tags";
    }

    @Override
    public String synopsis() {
        return "tags REPOSITORY [--filter S] [--sort name|semver|date] [--reverse] " + RegistryAccess.SYNOPSIS;
    }

    @Override
    public String summary() {
        return "list tags, following pagination; --filter takes a substring or a glob (* and ?); semver puts the newest"
                + " version last (--reverse: first), date the newest image first";
    }

    @Override
    Set<String> ownValueOptions() {
        return Set.of("filter", "sort");
    }

    @Override
    Set<String> ownFlagOptions() {
        return Set.of("reverse");
    }

    @Override
    public void run(CommandLine line, Output output) {
        Reference ref = RegistryAccess.reference(line.requirePositionals(1, "REPOSITORY").get(0));
        if (ref.tag().isPresent() || ref.digest().isPresent()) {
            throw new UsageException("name a repository, without tag or digest");
        }
        TagQuery query = switch (line.value("sort").orElse("name")) {
            case "name" -> TagQuery.byName();
            case "semver" -> TagQuery.bySemver();
            case "date" -> TagQuery.byCreated();
            default -> throw new UsageException("--sort is name, semver or date, not \"" + line.value("sort").get() + "\"");
        };
        if (line.flag("reverse")) {
            query = query.reversed();
        }
        if (line.value("filter").isPresent()) {
            query = query.matching(line.value("filter").get());
        }
        TagQuery asked = query;
        List<TagInfo> tags = access.using(line, ref.registry(), c -> new TagLister(c).list(ref.repository(), asked));
        output.lines("tags", tags.stream().map(t -> t.name() + t.created().map(c -> "  " + c).orElse("")).toList());
    }
}

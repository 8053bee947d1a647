package dev.berth.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.berth.events.EventAction;
import dev.berth.events.EventJsonCodec;
import dev.berth.events.RegistryEvent;
import dev.berth.events.store.EventQuery;
import dev.berth.events.store.EventStore;
import dev.berth.model.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/** {@code berth events list}: query stored events, newest first. */
final class EventsListCommand implements Command {


    @Override
    public String name() {
        return "events list";
    }

    @Override
    public String synopsis() {
        return "events list --store jdbc:URL [--repository R] [--tag T] [--action A] [--actor U] [--limit N] [--cursor C]";
    }

    @Override
    public String summary() {
        return "query stored events, newest first, one page at a time (--cursor continues where a page ended)";
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("store", "repository", "tag", "action", "actor", "limit", "cursor");
    }

    @Override
    public void run(CommandLine line, Output output) {
        line.requirePositionals(0, "");
        String spec = line.value("store").orElseThrow(() -> new UsageException("--store jdbc:URL is required"));
        if (!spec.startsWith("jdbc:")) {
            throw new UsageException("--store must be a JDBC URL: a memory store has nothing to list");
        }
        int limit = line.value("limit").map(v -> Addresses.positiveInt("--limit", v)).orElse(EventQuery.DEFAULT_LIMIT);
        if (limit > EventQuery.MAX_LIMIT) {
            throw new UsageException("--limit must be at most " + EventQuery.MAX_LIMIT);
        }
        EventQuery query = EventQuery.all().limit(limit);
        query = line.value("repository").map(query::repository).orElse(query);
        query = line.value("tag").map(query::tag).orElse(query);
        query = line.value("action").map(EventAction::of).map(query::action).orElse(query);
        query = line.value("actor").map(query::actor).orElse(query);
        query = line.value("cursor").map(query::after).orElse(query);
        try (EventStore store = EventStores.open(spec)) {
            Page<RegistryEvent> page = store.query(query);
            long total = store.count(query);
            ArrayNode events = CliJson.mapper().createArrayNode();
            for (RegistryEvent e : page.items()) {
                output.say(EventLine.of(e));
                events.add(CliJson.mapper().readTree(EventJsonCodec.toJson(e)));
            }
            output.say(page.items().size() + " of " + total + " events"
                    + page.next().map(c -> "; next page: --cursor " + c).orElse(""));
            output.json("total", CliJson.mapper().getNodeFactory().numberNode(total));
            output.json("events", events);
            page.next().ifPresent(c -> output.json("nextCursor", CliJson.mapper().getNodeFactory().textNode(c)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

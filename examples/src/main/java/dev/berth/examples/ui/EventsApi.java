package dev.berth.examples.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.registries.RegistryEntry;
import dev.berth.client.registries.RegistrySet;
import dev.berth.events.EventFilter;
import dev.berth.events.RegistryEvent;
import dev.berth.events.receive.EventReceiver;
import dev.berth.events.store.EventQuery;
import dev.berth.events.store.EventStore;
import dev.berth.model.Page;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Registry webhooks in ({@code POST /api/v1/events} and KubeDash's
 * {@code /plugins/registry/events}), kept under the registry they came from,
 * and an image's events out, newest first. A webhook names its registry with
 * {@code ?registry=NAME}, else each event is placed by its request host (the
 * address its pusher used) or its source address; events of no configured
 * registry are ignored. Pulls are ignored unless asked for.
 */
final class EventsApi {
    private final RegistrySet registries;
    private final EventStore store;
    private final EventReceiver receiver;
    private final BiConsumer<String, String> onEvent; // (registry, repository): the caches to drop

    EventsApi(RegistrySet registries, EventStore store, boolean includePulls, BiConsumer<String, String> onEvent) {
        this.registries = registries;
        this.store = store;
        this.onEvent = onEvent;
        EventFilter filter = includePulls ? EventFilter.defaults().includingPulls() : EventFilter.defaults();
        this.receiver = EventReceiver.builder(store).filter(filter).build();
    }

    void receive(ApiRequest request) throws IOException {
        Function<RegistryEvent, Optional<String>> registryOf;
        Optional<String> named = request.param("registry");
        if (named.isPresent()) {
            if (registries.get(named.get()).isEmpty()) {
                throw ApiException.notFound("no registry named \"" + named.get() + "\" to keep these events under");
            }
            registryOf = e -> named;
        } else {
            List<RegistryEntry> all = registries.list();
            registryOf = e -> place(all, e);
        }
        EventReceiver.Result result = receiver.receive(request.method(), request.headers(),
                request.body(receiver.maxBodyBytes()), registryOf);
        if (!result.responseHeaders().isEmpty() || !result.contentType().equals(EventReceiver.Result.TEXT)) {
            // a subscription handshake (Event Grid's): the sender checks the answer as the receiver made it
            result.responseHeaders().forEach(request::setHeader);
            request.send(result.status(), result.contentType(), result.message().getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (result.status() != 200) {
            String code = result.status() == 400 ? "BAD_REQUEST" : result.status() == 413 ? "TOO_LARGE" : "UPSTREAM";
            throw new ApiException(result.status(), code, result.message());
        }
        for (RegistryEvent e : result.stored()) {
            registryOf.apply(e).ifPresent(r -> onEvent.accept(r, e.target().repository()));
        }
        request.json(202, UiJson.object().put("accepted", result.stored().size())
                .put("duplicates", result.duplicates()).put("ignored", result.ignored()));
    }

    private static Optional<String> place(List<RegistryEntry> all, RegistryEvent e) {
        for (String host : List.of(e.request().host(), e.source().addr())) {
            if (host.isEmpty()) {
                continue;
            }
            for (RegistryEntry entry : all) {
                if (entry.host().toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT))) {
                    return Optional.of(entry.name());
                }
            }
        }
        return Optional.empty();
    }

    void list(ApiRequest request, String registry, String repository) throws IOException {
        if (registries.get(registry).isEmpty()) {
            throw ApiException.notFound("no registry named \"" + registry + "\"");
        }
        Pages pages = Pages.of(request);
        EventQuery query = EventQuery.all().registry(registry).repository(repository);
        Optional<String> tag = request.param("tag");
        if (tag.isPresent()) {
            query = query.tag(tag.get());
        }
        long total = store.count(query);
        // The store pages by cursor: walk to the asked page (the events of one image are few).
        Page<RegistryEvent> page = store.query(query.limit(pages.size()));
        for (int p = 1; p < pages.page() && page.next().isPresent(); p++) {
            page = store.query(query.limit(pages.size()).after(page.next().get()));
        }
        boolean beyond = (long) (pages.page() - 1) * pages.size() >= total;
        ObjectNode answer = pages.answer(total);
        ArrayNode items = answer.putArray("items");
        if (!beyond) {
            page.items().forEach(e -> items.add(json(registry, e)));
        }
        request.json(200, answer);
    }

    static ObjectNode json(String registry, RegistryEvent e) {
        return UiJson.object().put("id", e.id()).put("action", e.action().name().toLowerCase(Locale.ROOT))
                .put("registry", registry).put("repository", e.target().repository())
                .put("tag", e.target().tag().orElse(null))
                .put("digest", e.target().digest().map(Object::toString).orElse(null))
                .put("mediaType", e.target().mediaType().orElse(null))
                .put("size", e.target().size().isPresent() ? e.target().size().getAsLong() : null)
                .put("actor", e.actor().isEmpty() ? null : e.actor())
                .put("sourceAddr", e.request().addr().isEmpty() ? null : e.request().addr())
                .put("userAgent", e.request().userAgent().isEmpty() ? null : e.request().userAgent())
                .put("timestamp", e.timestamp().toString());
    }
}

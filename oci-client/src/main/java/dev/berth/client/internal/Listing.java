package dev.berth.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.auth.Scope;
import dev.berth.model.MalformedContentException;
import dev.berth.model.Page;
import dev.berth.model.internal.Json;
import dev.berth.model.internal.QueryString;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A paginated name list of the distribution API: the catalog
 * ({@code repositories}) or a repository's tags ({@code tags}).
 */
public final class Listing {
    private static final long MAX_PAGE_BYTES = 64L * 1024 * 1024;

    private final Transport transport;
    private final String field;
    private final String operation;
    private final List<Scope> scopes;

    /**
     * @param field     the JSON array holding the names
     * @param operation for error messages
     * @param scopes    what reading the list needs
     */
    public Listing(Transport transport, String field, String operation, List<Scope> scopes) {
        this.transport = transport;
        this.field = field;
        this.operation = operation;
        this.scopes = List.copyOf(scopes);
    }

    /** @return {@code n=<n>} and, when given, {@code &last=<last>}, encoded */
    public static String query(int n, String last) {
        return "n=" + n + (last == null ? "" : "&last=" + URLEncoder.encode(last, StandardCharsets.UTF_8));
    }

    /** @return one page; its {@code next} comes from the Link header, the last one when there is none */
    public Page<String> page(URI uri) {
        Fetched f = fetch(uri);
        Optional<String> nextLast = f.link().flatMap(n -> QueryString.parse(n.getRawQuery())
                .getOrDefault("last", List.of()).stream().findFirst()).filter(last -> !last.isBlank());
        if (f.link().isPresent() && nextLast.isEmpty() && !f.items().isEmpty()) {
            // a Link without a usable last: the page's last name is where the next page starts
            nextLast = Optional.of(f.items().get(f.items().size() - 1)).filter(last -> !last.isBlank());
        }
        return nextLast.map(last -> Page.of(f.items(), last)).orElseGet(() -> Page.last(f.items()));
    }

    /**
     * Every name, page by page as the stream is consumed. Link headers are followed; without them, the next page
     * is asked for after the last name while full pages come back, until a page brings nothing new (which also
     * ends registries that ignore {@code n} and {@code last} and answer everything every time).
     *
     * @param first    the first page's URI, with {@code n}
     * @param pageSize the {@code n} it asks for
     */
    public Stream<String> all(URI first, int pageSize) {
        Iterator<String> it = new Iterator<>() {
            private final Set<String> seen = new HashSet<>();
            private Iterator<String> current = List.<String>of().iterator();
            private URI next = first;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && next != null) {
                    Fetched f = fetch(next);
                    List<String> fresh = f.items().stream().filter(seen::add).toList();
                    if (fresh.isEmpty()) {
                        next = null;
                    } else if (f.link().isPresent()) {
                        next = f.link().get();
                    } else if (f.items().size() >= pageSize) {
                        next = URI.create(first + "&last=" + URLEncoder.encode(fresh.get(fresh.size() - 1), StandardCharsets.UTF_8));
                    } else {
                        next = null;
                    }
                    current = fresh.iterator();
                }
                return current.hasNext();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, 0), false);
    }

    private record Fetched(List<String> items, Optional<URI> link) {
    }

    private Fetched fetch(URI uri) {
        HttpResponse<InputStream> r = transport.send(Call.of(operation, "GET", uri, scopes));
        if (r.statusCode() != 200) {
            throw Transport.error(operation, r);
        }
        Optional<URI> link = LinkHeader.next(r.headers().allValues("Link"), uri);
        JsonNode body = Json.readObject(Transport.body(operation, r, MAX_PAGE_BYTES), operation);
        List<String> items = new ArrayList<>();
        JsonNode list = body.get(field);
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new MalformedContentException(operation, "/" + field, "is not an array");
            }
            list.forEach(n -> items.add(n.asText()));
        }
        return new Fetched(items, link);
    }
}

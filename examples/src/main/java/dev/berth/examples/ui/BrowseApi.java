package dev.berth.examples.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.auth.InsufficientScopeException;
import dev.berth.client.RegistryClient;
import dev.berth.client.inspect.ImageDetails;
import dev.berth.client.inspect.ImageInspector;
import dev.berth.client.registries.CachedList;
import dev.berth.client.registries.RegistryEntry;
import dev.berth.client.registries.RegistrySet;
import dev.berth.client.tags.TagDeleter;
import dev.berth.client.tags.TagDeletion;
import dev.berth.client.tags.TagDetailsCache;
import dev.berth.client.tags.TagInfo;
import dev.berth.client.tags.TagLister;
import dev.berth.client.tags.TagOrder;
import dev.berth.client.tags.TagQuery;
import dev.berth.examples.cli.InspectDocument;
import dev.berth.model.Descriptor;
import dev.berth.model.ErrorCode;
import dev.berth.model.RegistryException;
import dev.berth.model.artifact.HelmChart;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Browsing one registry: its repositories (filtered, sorted and paginated in
 * memory over the cached catalog), a repository's tags (by name, semantic
 * version or date, details of a tag cached by its manifest digest), a tag's
 * detail (the {@code berth inspect --json} document and what its referrers
 * say) and deleting a tag.
 */
final class BrowseApi {
    // Enough for the date sort of 2,000 tags within the PRD's two seconds against a nearby registry.
    static final int DETAIL_CONCURRENCY = 32;
    // Up to this many tags, a detail finds the tags sharing its manifest by asking each (one HEAD a tag).
    static final int WALKED_TAGS = 100;

    private record DetailKey(String registry, String repository, String tag, String digest) {
    }

    private record RepositoryKey(String registry, String repository) {
    }

    private final RegistrySet registries;
    private final AuditLog audit;
    private final TagDetailsCache tagDetails;
    private final ExpiringCache<DetailKey, ObjectNode> detailAnswers;
    // Every tag of a repository described (digest, date, size: a manifest read each), kept as long as its tag
    // list, so that sorting by date again, or naming the other tags of a digest, reads nothing.
    private final ExpiringCache<RepositoryKey, Described> described;
    private final Map<RepositoryKey, CompletableFuture<Described>> describing = new ConcurrentHashMap<>();
    private final ExecutorService describers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "berth-ui-tag-details");
        t.setDaemon(true);
        return t;
    });

    /** The details of every tag of a tag list, and the list they were read for. */
    private record Described(List<String> names, List<TagInfo> tags) {
    }

    BrowseApi(RegistrySet registries, TagDetailsCache tagDetails, AuditLog audit, Duration ttl, Clock clock) {
        this.registries = registries;
        this.tagDetails = tagDetails;
        this.audit = audit;
        this.detailAnswers = new ExpiringCache<>(ttl, clock, 2_000);
        this.described = new ExpiringCache<>(ttl, clock, 200);
    }

    /** Stops describing tags in the background. */
    void close() {
        describers.shutdownNow();
    }

    /** Forgets what is cached about a repository: after a deletion, or a webhook event about it. */
    void invalidate(String registry, String repository) {
        registries.invalidate(registry, repository);
        detailAnswers.invalidateIf(k -> k.registry().equals(registry) && k.repository().equals(repository));
        described.invalidateIf(k -> k.registry().equals(registry) && k.repository().equals(repository));
    }

    void invalidate(String registry) {
        registries.invalidate(registry);
        detailAnswers.invalidateIf(k -> k.registry().equals(registry));
        described.invalidateIf(k -> k.registry().equals(registry));
    }

    void repositories(ApiRequest request, String name) throws IOException {
        entry(name);
        Pages pages = Pages.of(request);
        String filter = request.param("filter").orElse("").toLowerCase(Locale.ROOT);
        String sort = request.param("sort").orElse("asc");
        if (!sort.equals("asc") && !sort.equals("desc")) {
            throw ApiException.badRequest("parameter \"sort\" must be asc or desc, not \"" + sort + "\"");
        }
        CachedList catalog;
        try {
            catalog = registries.repositories(name, request.flag("refresh"));
        } catch (RegistryException | InsufficientScopeException e) {
            if (e instanceof InsufficientScopeException || refusesCatalog((RegistryException) e)) {
                ObjectNode answer = pages.answer(0).put("registry", name).put("catalogAvailable", false)
                        .put("message", "this registry does not list its repositories (" + e.getMessage()
                                + "): open a repository by its name").put("cached", false);
                answer.putArray("items");
                request.json(200, answer);
                return;
            }
            throw Upstream.translate("the catalog of " + name, e);
        } catch (RuntimeException e) {
            throw Upstream.translate("the catalog of " + name, e);
        }
        List<String> matching = new ArrayList<>();
        for (String repo : catalog.items()) {
            if (filter.isEmpty() || repo.toLowerCase(Locale.ROOT).contains(filter)) {
                matching.add(repo);
            }
        }
        matching.sort(sort.equals("asc") ? Comparator.naturalOrder() : Comparator.reverseOrder());
        ObjectNode answer = pages.answer(matching.size()).put("registry", name).put("catalogAvailable", true);
        ArrayNode items = answer.putArray("items");
        pages.slice(matching).forEach(items::add);
        answer.put("cached", catalog.fromCache());
        request.json(200, answer);
    }

    // A token service that never grants registry:catalog:* (Docker Hub's) is told by the client as insufficient scope;
    // Docker Hub and registries with an access policy answer the catalog with 401/403, or 404/405 if they lack it.
    private static boolean refusesCatalog(RegistryException e) {
        int s = e.status();
        return s == 401 || s == 403 || s == 404 || s == 405 || e.hasCode(ErrorCode.UNSUPPORTED)
                || e.hasCode(ErrorCode.DENIED) || e.hasCode(ErrorCode.UNAUTHORIZED);
    }

    void tags(ApiRequest request, String name, String repository) throws IOException {
        entry(name);
        Pages pages = Pages.of(request);
        String sort = request.param("sort").orElse("name");
        String order = request.param("order").orElse("asc");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw ApiException.badRequest("parameter \"order\" must be asc or desc, not \"" + order + "\"");
        }
        TagQuery query;
        switch (sort) {
            case "name": query = TagQuery.byName(); break;
            case "semver": query = TagQuery.bySemver(); break;
            case "date": query = TagQuery.byCreated(); break;
            default: throw ApiException.badRequest("parameter \"sort\" must be name, semver or date, not \"" + sort + "\"");
        }
        query = query.matching(request.param("filter").orElse(""));
        if (order.equals("desc")) {
            query = query.reversed();
        }
        String what = "the tags of " + repository + " in " + name;
        CachedList names = Upstream.call(what, () -> registries.tags(name, repository, request.flag("refresh")));
        TagLister lister = new TagLister(registries.client(name), DETAIL_CONCURRENCY, tagDetails);
        TagQuery q = query;
        RepositoryKey key = new RepositoryKey(name, repository);
        Optional<Described> known = request.flag("refresh") ? Optional.empty() : described(key, names.items());
        List<TagInfo> sorted;
        List<TagInfo> page;
        if (known.isPresent()) {
            sorted = TagLister.sort(known.get().tags(), q);
            page = pages.slice(sorted);
        } else if (q.order() == TagOrder.CREATED) {
            List<TagInfo> all = Upstream.call(what, () -> join(describeAll(key, lister, names.items())).tags());
            sorted = TagLister.sort(all, q);
            page = pages.slice(sorted);
        } else { // only the shown page needs its details now; the rest are read meanwhile for a date sort
            sorted = TagLister.sort(names.items().stream().map(TagInfo::of).toList(), q);
            List<String> shown = pages.slice(sorted).stream().map(TagInfo::name).toList();
            page = Upstream.call(what, () -> lister.describe(repository, shown));
            if (names.items().size() > shown.size()) {
                describeAll(key, lister, names.items()); // not waited for
            }
        }
        ObjectNode answer = pages.answer(sorted.size()).put("registry", name).put("repository", repository);
        ArrayNode items = answer.putArray("items");
        for (TagInfo t : page) {
            items.addObject().put("name", t.name()).put("digest", t.digest().map(Object::toString).orElse(null))
                    .put("created", t.created().map(Object::toString).orElse(null))
                    .put("size", t.size().orElse(null));
        }
        answer.put("cached", names.fromCache());
        request.json(200, answer);
    }

    private Optional<Described> described(RepositoryKey key, List<String> names) {
        return described.get(key).filter(d -> d.names().equals(names)); // made for this very tag list
    }

    // One reading of a repository's tags at a time: a date sort asked meanwhile waits for the one under way.
    private CompletableFuture<Described> describeAll(RepositoryKey key, TagLister lister, List<String> names) {
        return describing.computeIfAbsent(key, k -> {
            long readAt = described.generation();
            CompletableFuture<Described> f = CompletableFuture.supplyAsync(
                    () -> new Described(names, lister.describe(k.repository(), names)), describers);
            f.whenComplete((d, failure) -> {
                describing.remove(k, f);
                if (d != null) {
                    described.put(k, d, readAt);
                }
            });
            return f;
        });
    }

    private static Described join(CompletableFuture<Described> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    // The other tags of a digest: from the described tag list when there is one, else one HEAD per tag when that
    // is cheap or asked for (`?otherTags=read`, the delete dialog's). A detail of a repository with many tags
    // opened first answers without them (empty) and has them described meanwhile: bench/ui's 2,000 HEADs took 4 s.
    private Optional<List<String>> otherTags(String name, String repository, String tag, dev.berth.model.Digest digest,
                                             RegistryClient client, String what, boolean mustKnow) {
        CachedList names = Upstream.call(what, () -> registries.tags(name, repository, false));
        RepositoryKey key = new RepositoryKey(name, repository);
        Optional<Described> known = described(key, names.items());
        if (known.isPresent()) {
            return Optional.of(known.get().tags().stream().filter(t -> !t.name().equals(tag))
                    .filter(t -> t.digest().map(digest::equals).orElse(false)).map(TagInfo::name).sorted().toList());
        }
        if (mustKnow || names.items().size() <= WALKED_TAGS) {
            return Optional.of(Upstream.call(what,
                    () -> new TagDeleter(client, DETAIL_CONCURRENCY).plan(repository, tag)).alsoRemoved());
        }
        describeAll(key, new TagLister(client, DETAIL_CONCURRENCY, tagDetails), names.items()); // not waited for
        return Optional.empty();
    }

    private void putOtherTags(ObjectNode answer, Optional<List<String>> others) {
        if (others.isEmpty()) {
            answer.putNull("otherTags");
            return;
        }
        ArrayNode list = answer.putArray("otherTags");
        others.get().forEach(list::add);
    }

    void detail(ApiRequest request, String name, String repository, String tag) throws IOException {
        RegistryEntry entry = entry(name);
        RegistryClient client = registries.client(name);
        String what = repository + ":" + tag + " in " + name;
        Descriptor manifest = Upstream.call(what, () -> client.statManifest(repository, tag))
                .orElseThrow(() -> ApiException.notFound(what + ": no such tag"));
        DetailKey key = new DetailKey(name, repository, tag, manifest.digest().toString());
        boolean mustKnowOtherTags = request.param("otherTags").filter("read"::equals).isPresent();
        if (!request.flag("refresh")) {
            var cached = detailAnswers.get(key);
            if (cached.isPresent()) {
                ObjectNode answer = cached.get().deepCopy();
                if (answer.path("otherTags").isNull()) {
                    putOtherTags(answer, otherTags(name, repository, tag, manifest.digest(), client, what,
                            mustKnowOtherTags));
                }
                request.json(200, answer.put("cached", true));
                return;
            }
        }
        ImageDetails details = Upstream.call(what, () -> new ImageInspector(client).inspect(repository,
                manifest.digest().toString()));
        ObjectNode answer = InspectDocument.of(entry.host() + "/" + repository + ":" + tag, details);
        answer.put("registry", name).put("repository", repository).put("tag", tag);
        putOtherTags(answer, otherTags(name, repository, tag, manifest.digest(), client, what, mustKnowOtherTags));
        ReferrerSummaries summaries = ReferrerSummaries.read(client, repository, details);
        answer.set("sbom", summaries.sbom());
        answer.set("vulnerabilities", summaries.vulnerabilities());
        answer.set("helm", details.helmChart().map(BrowseApi::helm).orElse(null));
        detailAnswers.put(key, answer.deepCopy());
        request.json(200, answer.put("cached", false));
    }

    private static ObjectNode helm(HelmChart h) {
        ObjectNode n = UiJson.object().put("apiVersion", h.apiVersion()).put("name", h.name()).put("version", h.version())
                .put("appVersion", h.appVersion().orElse(null)).put("description", h.description().orElse(null))
                .put("type", h.type().orElse(null)).put("kubeVersion", h.kubeVersion().orElse(null))
                .put("home", h.home().orElse(null)).put("icon", h.icon().orElse(null)).put("deprecated", h.deprecated());
        ArrayNode keywords = n.putArray("keywords");
        h.keywords().forEach(keywords::add);
        ArrayNode sources = n.putArray("sources");
        h.sources().forEach(sources::add);
        ArrayNode maintainers = n.putArray("maintainers");
        h.maintainers().forEach(m -> maintainers.add(m.toString()));
        return n;
    }

    void delete(ApiRequest request, String name, String repository, String tag) throws IOException {
        entry(name);
        RegistryClient client = registries.client(name);
        String what = "deleting " + repository + ":" + tag + " in " + name;
        TagDeletion done;
        try {
            done = new TagDeleter(client, DETAIL_CONCURRENCY).delete(repository, tag);
        } catch (RegistryException e) {
            if (e.status() == 405 || e.hasCode(ErrorCode.UNSUPPORTED)) {
                throw new ApiException(405, "DELETE_DISABLED", "the registry " + name + " does not allow deletes ("
                        + e.getMessage() + "); distribution needs storage.delete.enabled: true in its config");
            }
            throw Upstream.translate(what, e);
        } catch (RuntimeException e) {
            throw Upstream.translate(what, e);
        } finally {
            invalidate(name, repository);
        }
        audit.record(request.user(), "tag.delete", name + "/" + repository + ":" + tag,
                done.manifest().digest() + (done.alsoRemoved().isEmpty() ? "" : "; also removed " + done.alsoRemoved()));
        ObjectNode answer = UiJson.object().put("deleted", done.manifest().digest().toString());
        ArrayNode others = answer.putArray("otherTags");
        done.alsoRemoved().forEach(others::add);
        request.json(200, answer);
    }

    private RegistryEntry entry(String name) {
        return registries.get(name).orElseThrow(() -> ApiException.notFound("no registry named \"" + name + "\""));
    }
}

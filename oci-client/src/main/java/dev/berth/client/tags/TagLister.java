package dev.berth.client.tags;

import dev.berth.client.RegistryClient;
import dev.berth.client.TransferListener;
import dev.berth.client.internal.BoundedParallel;
import dev.berth.model.Descriptor;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.MediaType;
import dev.berth.model.OciException;
import dev.berth.model.Reference;
import dev.berth.model.RegistryException;
import dev.berth.model.config.Annotations;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Lists a repository's tags filtered and sorted as a registry browser shows
 * them: by name, by semantic version, or by creation time. Creation times come
 * from the image configurations (the created annotation for artifacts, the
 * first entry's configuration for an index), fetched concurrently with a bound.
 *
 * <pre>{@code
 * List<TagInfo> newest = new TagLister(client).list("team/app", TagQuery.byCreated().reversed().matching("1.*"));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TagLister {
    /** Tags examined at once unless told otherwise. */
    public static final int DEFAULT_CONCURRENCY = 8;

    private final RegistryClient client;
    private final int concurrency;
    private final TagDetailsCache cache; // null: none

    /** @param client the registry to read; details are fetched {@value #DEFAULT_CONCURRENCY} at a time */
    public TagLister(RegistryClient client) {
        this(client, DEFAULT_CONCURRENCY);
    }

    /**
     * @param client      the registry to read
     * @param concurrency how many tags' details are fetched at once
     */
    public TagLister(RegistryClient client, int concurrency) {
        this(client, concurrency, Optional.empty());
    }

    /**
     * @param client      the registry to read
     * @param concurrency how many tags' details are fetched at once
     * @param cache       the details of manifests already read, by digest; a tag whose manifest is in it costs
     *                    one manifest read and no configuration read
     * @throws InvalidArgumentException if {@code client} or {@code cache} is null or {@code concurrency} is
     *                                  below 1
     */
    public TagLister(RegistryClient client, int concurrency, TagDetailsCache cache) {
        this(client, concurrency, Optional.of(InvalidArgumentException.requireNonNull(cache, "cache")));
    }

    private TagLister(RegistryClient client, int concurrency, Optional<TagDetailsCache> cache) {
        if (concurrency < 1) {
            throw new InvalidArgumentException("concurrency", "must be at least 1, not " + concurrency);
        }
        this.client = InvalidArgumentException.requireNonNull(client, "client");
        this.concurrency = concurrency;
        this.cache = cache.orElse(null);
    }

    /**
     * @param repository e.g. {@code team/app}
     * @param query      filter, order, details
     * @return the matching tags, in order
     */
    public List<TagInfo> list(String repository, TagQuery query) {
        InvalidArgumentException.requireNonNull(query, "query");
        return list(repository, client.tags(repository).toList(), query);
    }

    /**
     * {@link #list(String, TagQuery)} over tag names listed already (by a cache of tag lists, say), so that
     * only the details the query needs are read.
     *
     * @param repository e.g. {@code team/app}
     * @param names      the repository's tags
     * @param query      filter, order, details
     * @return the matching tags, in order
     */
    public List<TagInfo> list(String repository, List<String> names, TagQuery query) {
        Reference.requireValidRepository(repository);
        InvalidArgumentException.requireNonNull(query, "query");
        InvalidArgumentException.requireNonNull(names, "names");
        List<String> matching = names.stream().filter(TagFilter.of(query.filter())).toList();
        List<TagInfo> tags = query.needsDetails() ? describe(repository, matching)
                : matching.stream().map(TagInfo::of).toList();
        List<TagInfo> sorted = new ArrayList<>(tags);
        sorted.sort(comparator(query));
        return sorted;
    }

    /**
     * Filters and sorts tags described already (by {@link #describe}, kept by the caller), reading nothing: a
     * browser that described a repository's tags once sorts them by date again in memory.
     *
     * @param tags  tags, with their details if the query's order needs them
     * @param query filter and order
     * @return the matching tags, in order
     */
    public static List<TagInfo> sort(List<TagInfo> tags, TagQuery query) {
        InvalidArgumentException.requireNonNull(tags, "tags");
        InvalidArgumentException.requireNonNull(query, "query");
        java.util.function.Predicate<String> filter = TagFilter.of(query.filter());
        List<TagInfo> sorted = new ArrayList<>();
        for (TagInfo t : tags) {
            if (filter.test(t.name())) {
                sorted.add(t);
            }
        }
        sorted.sort(comparator(query));
        return sorted;
    }

    /**
     * Reads the details of some tags (a page of a listing sorted by name, say), concurrently with the bound.
     *
     * @param repository e.g. {@code team/app}
     * @param tags       tag names
     * @return their digest, media type, creation time and size, in the order given; a tag deleted meanwhile
     *         comes back without details
     */
    public List<TagInfo> describe(String repository, List<String> tags) {
        Reference.requireValidRepository(repository);
        InvalidArgumentException.requireNonNull(tags, "tags");
        return new BoundedParallel(concurrency, "berth-tags").mapAll(tags, name -> details(repository, name));
    }

    private static Comparator<TagInfo> comparator(TagQuery query) {
        return switch (query.order()) {
            case NAME -> {
                Comparator<TagInfo> byName = Comparator.comparing(TagInfo::name);
                yield query.descending() ? byName.reversed() : byName;
            }
            case SEMVER -> Comparator.comparing(TagInfo::name, TagOrder.bySemver(query.descending()));
            case CREATED -> (a, b) -> {
                if (a.created().isPresent() != b.created().isPresent()) {
                    return a.created().isPresent() ? -1 : 1;
                }
                int c = a.created().isPresent() ? a.created().get().compareTo(b.created().get()) : 0;
                return c != 0 ? (query.descending() ? -c : c) : a.name().compareTo(b.name());
            };
        };
    }

    private TagInfo details(String repository, String tag) {
        Manifest manifest;
        try {
            manifest = client.getManifest(repository, tag);
        } catch (RegistryException e) {
            if (e.status() == 404) {
                return TagInfo.of(tag); // deleted since the listing: shown without details
            }
            throw e;
        }
        if (cache != null) {
            Optional<TagInfo> known = cache.get(manifest.digest(), tag);
            if (known.isPresent()) {
                return known.get();
            }
        }
        Optional<Instant> created = created(repository, manifest);
        TagInfo info = created.isPresent() ? TagInfo.of(tag, manifest.digest(), manifest.mediaType(), created.get())
                : TagInfo.of(tag, manifest.digest(), manifest.mediaType());
        if (manifest instanceof ImageManifest image) {
            info = info.withSize(image.totalSize());
        }
        if (cache != null) {
            cache.put(info);
        }
        return info;
    }

    private Optional<Instant> created(String repository, Manifest manifest) {
        Optional<Instant> annotated = annotation(manifest);
        if (manifest instanceof ImageManifest image && MediaType.isImageConfig(image.config().mediaType())) {
            return configCreated(repository, image.config()).or(() -> annotated);
        }
        if (manifest instanceof ManifestIndex index && annotated.isEmpty()) {
            for (Descriptor entry : index.manifests()) {
                boolean image = MediaType.isImageManifest(entry.mediaType())
                        && entry.platform().map(p -> !p.os().equals("unknown")).orElse(true);
                if (image) {
                    Manifest first = client.getManifest(repository, entry.digest().toString());
                    return first instanceof ImageManifest m && MediaType.isImageConfig(m.config().mediaType())
                            ? configCreated(repository, m.config()) : Optional.empty();
                }
            }
        }
        return annotated;
    }

    private Optional<Instant> configCreated(String repository, Descriptor config) {
        if (config.size() > ImageConfig.MAX_BYTES) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) config.size());
        client.getBlob(repository, config, out, TransferListener.NONE);
        try {
            return ImageConfig.parse(out.toByteArray()).created();
        } catch (OciException notAnImages) {
            return Optional.empty(); // cosign's signatures carry one with no os: no date, and the listing goes on
        }
    }

    private static Optional<Instant> annotation(Manifest manifest) {
        String text = manifest.annotations().get(Annotations.CREATED);
        try {
            return text == null ? Optional.empty() : Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

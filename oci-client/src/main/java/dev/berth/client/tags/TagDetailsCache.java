package dev.berth.client.tags;

import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The details of manifests a {@link TagLister} has read, by digest: a manifest's
 * digest names its content, so its media type, creation time and size never
 * change and need no expiry. Sorting 2,000 tags by date a second time then costs
 * one manifest read per tag instead of two requests. Holds at most a fixed number
 * of manifests, forgetting the least recently used.
 *
 * A {@link #persistent persistent} cache also keeps them in a file, so that a
 * restarted program does not read every configuration again.
 *
 * <p>Thread-safe; one cache may serve several listers of several registries
 * (a digest is the same content everywhere).
 */
public final class TagDetailsCache {
    private static final Logger LOG = LoggerFactory.getLogger(TagDetailsCache.class);

    // Kept by digest: the tag a value names is the asker's, given back by get.
    private static final String UNNAMED = "(by digest)";

    private final int capacity;
    private final Map<Digest, TagInfo> entries; // guarded by this; the tag name in a value is irrelevant
    private final Path file; // null: memory only
    private int linesInFile; // guarded by this

    /**
     * @param capacity the most manifests remembered, at least 1
     * @throws InvalidArgumentException if {@code capacity} is less than 1
     */
    public TagDetailsCache(int capacity) {
        this(capacity, null);
    }

    private TagDetailsCache(int capacity, Path file) {
        if (capacity < 1) {
            throw new InvalidArgumentException("capacity", "must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
        this.file = file;
    }

    /**
     * A cache kept in {@code file} as well, one line a manifest, appended as manifests are read and rewritten
     * once it holds twice as many lines as the cache does. A line that cannot be read (the end of a write a crash
     * cut short, say) is skipped; a file that cannot be written leaves the cache in memory only, with a warning.
     *
     * @param file     where the details are kept; created if missing
     * @param capacity the most manifests remembered, at least 1
     * @return the cache, holding what the file held (the newest {@code capacity} of it)
     * @throws InvalidArgumentException if {@code file} is null or {@code capacity} is less than 1
     */
    public static TagDetailsCache persistent(Path file, int capacity) {
        TagDetailsCache cache = new TagDetailsCache(capacity, InvalidArgumentException.requireNonNull(file, "file"));
        cache.load();
        return cache;
    }

    private synchronized void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines) {
                parse(line).ifPresent(this::remember);
            }
            linesInFile = lines.size();
            if (linesInFile > 2 * capacity) {
                rewrite();
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("cannot read the tag details kept in {}: {}; starting without them", file, e.getMessage());
        }
    }

    // digest TAB media type TAB created (ISO-8601, or empty) TAB size (or empty)
    private static String line(TagInfo info) {
        return info.digest().orElseThrow() + "\t" + info.mediaType().orElse("") + "\t"
                + info.created().map(Instant::toString).orElse("") + "\t" + info.size().map(String::valueOf).orElse("") + "\n";
    }

    private static Optional<TagInfo> parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 4) {
            return Optional.empty();
        }
        try {
            Optional<Digest> digest = Digest.tryParse(f[0]);
            if (digest.isEmpty() || f[1].isEmpty()) {
                return Optional.empty();
            }
            TagInfo info = f[2].isEmpty() ? TagInfo.of(UNNAMED, digest.get(), f[1])
                    : TagInfo.of(UNNAMED, digest.get(), f[1], Instant.parse(f[2]));
            return Optional.of(f[3].isEmpty() ? info : info.withSize(Long.parseLong(f[3])));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    // A media type is the registry's text: one with a tab or a line break would break the file's lines.
    private static boolean writable(TagInfo info) {
        String type = info.mediaType().orElse("");
        return !type.isEmpty() && type.chars().noneMatch(c -> c == '\t' || c == '\n' || c == '\r');
    }

    private void append(TagInfo info) {
        try {
            Files.writeString(file, line(info), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (++linesInFile > 2 * capacity) {
                rewrite();
            }
        } catch (IOException e) {
            LOG.warn("cannot keep tag details in {}: {}", file, e.getMessage());
        }
    }

    // Written beside the file and moved over it: a reader or a crash sees the old file or the new one.
    private void rewrite() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder all = new StringBuilder();
        entries.values().stream().filter(TagDetailsCache::writable).forEach(i -> all.append(line(i)));
        Files.writeString(tmp, all, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        linesInFile = entries.size();
    }

    /** @return the most manifests this cache remembers */
    public int capacity() {
        return capacity;
    }

    /** @return how many manifests it remembers now */
    public synchronized int size() {
        return entries.size();
    }

    synchronized Optional<TagInfo> get(Digest digest, String tag) {
        return Optional.ofNullable(entries.get(digest)).map(i -> i.named(tag));
    }

    synchronized void put(TagInfo details) {
        if (details.digest().isEmpty()) {
            return;
        }
        TagInfo unnamed = details.named(UNNAMED);
        if (!unnamed.equals(entries.get(unnamed.digest().get()))) { // two listers that missed at once write it once
            remember(unnamed);
            if (file != null && writable(unnamed)) {
                append(unnamed);
            }
        }
    }

    private void remember(TagInfo details) {
        entries.put(details.digest().get(), details);
        if (entries.size() > capacity) {
            entries.remove(entries.keySet().iterator().next());
        }
    }
}

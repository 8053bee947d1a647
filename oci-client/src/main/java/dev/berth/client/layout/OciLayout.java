package dev.berth.client.layout;

import dev.berth.client.internal.HashingWriter;
import dev.berth.model.ContentIOException;
import dev.berth.model.ContentTooLargeException;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.MalformedContentException;
import dev.berth.model.MediaType;
import dev.berth.model.VerifyingInputStream;
import dev.berth.model.artifact.Referrers;
import dev.berth.model.config.Annotations;
import dev.berth.model.internal.Json;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An OCI image layout directory: the {@code oci-layout} marker, {@code index.json}
 * listing the manifests it holds (tagged through the
 * {@code org.opencontainers.image.ref.name} annotation, as skopeo and oras read
 * and write them) and content-addressed blobs under {@code blobs/<alg>/<encoded>}.
 *
 * <p>Nothing is ever half-visible: a blob is written to a temporary file in its
 * own directory, verified against its digest and size while it streams, synced
 * and only then renamed into place; {@code index.json} is replaced the same way.
 * Everything read is verified against its digest.
 *
 * <pre>{@code
 * OciLayout layout = OciLayout.create(Path.of("out"));
 * layout.pushBlob(layer, in);
 * layout.pushManifest(manifest);
 * layout.tag("1.0", manifest.descriptor());
 * }</pre>
 *
 * <p>Thread-safe within one process; {@code index.json} updates from several
 * processes at once are not coordinated (the last writer wins).
 */
public final class OciLayout {
    /** The marker file's name. */
    public static final String LAYOUT_FILE = "oci-layout";
    /** The index file's name. */
    public static final String INDEX_FILE = "index.json";
    /** The layout version Berth writes. */
    public static final String LAYOUT_VERSION = "1.0.0";

    private static final int BUFFER = 256 * 1024;
    private static final int MAX_MARKER_BYTES = 64 * 1024;

    private final Path dir;
    private final Object indexLock = new Object();

    private OciLayout(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens an existing layout, checking its marker and index.
     *
     * @param dir the layout's directory
     * @return the layout
     * @throws MalformedContentException if {@code oci-layout} or {@code index.json} is missing or invalid,
     *                                   or the layout version is not 1.x
     */
    public static OciLayout open(Path dir) {
        OciLayout layout = new OciLayout(InvalidArgumentException.requireNonNull(dir, "dir"));
        layout.checkMarker();
        layout.index();
        return layout;
    }

    /**
     * Opens the layout in {@code dir}, or starts an empty one there (creating the directory if needed).
     *
     * @param dir the layout's directory
     * @return the layout
     * @throws MalformedContentException if {@code dir} holds an invalid layout
     */
    public static OciLayout create(Path dir) {
        InvalidArgumentException.requireNonNull(dir, "dir");
        if (Files.exists(dir.resolve(LAYOUT_FILE))) {
            return open(dir);
        }
        OciLayout layout = new OciLayout(dir);
        try {
            Files.createDirectories(dir.resolve("blobs"));
            if (!Files.exists(dir.resolve(INDEX_FILE))) {
                layout.writeFile(INDEX_FILE, ManifestIndex.builder().build().bytes());
            }
            // The marker last: whoever sees it also sees an index.
            layout.writeFile(LAYOUT_FILE, ("{\"imageLayoutVersion\":\"" + LAYOUT_VERSION + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ContentIOException("cannot create an OCI image layout in " + dir, e);
        }
        layout.index();
        return layout;
    }

    // The image-spec's grammar for org.opencontainers.image.ref.name: a tag, or a whole reference.
    private static final java.util.regex.Pattern REF_NAME = java.util.regex.Pattern.compile(
            "[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*(?:/[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*)*");

    private static String requireRefName(String value, String argument) {
        if (!REF_NAME.matcher(InvalidArgumentException.requireNonBlank(value, argument)).matches()) {
            throw new InvalidArgumentException(argument, "must be a tag, a reference or a digest, as"
                    + " org.opencontainers.image.ref.name allows, not \"" + value + "\"");
        }
        return value;
    }

    /** @return the layout's directory */
    public Path directory() {
        return dir;
    }

    private String document() {
        return "OCI image layout " + dir;
    }

    private void checkMarker() {
        byte[] bytes = readSmallFile(LAYOUT_FILE, MAX_MARKER_BYTES);
        JsonNode version = Json.readObject(bytes, document() + " " + LAYOUT_FILE).get("imageLayoutVersion");
        if (version == null || !version.isTextual()) {
            throw new MalformedContentException(document(), LAYOUT_FILE + ": imageLayoutVersion", "is missing");
        }
        if (!version.textValue().startsWith("1.")) {
            throw new MalformedContentException(document(), LAYOUT_FILE + ": imageLayoutVersion",
                    "version " + version.textValue() + " is not supported; Berth reads 1.x");
        }
    }

    private byte[] readSmallFile(String name, int limit) {
        Path file = dir.resolve(name);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new ContentTooLargeException(document() + " " + name, limit, Files.size(file));
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new MalformedContentException(document(), name, "is missing");
        } catch (IOException e) {
            throw new ContentIOException("cannot read " + file, e);
        }
    }

    // ---------------------------------------------------------------- index.json

    /**
     * @return {@code index.json} as it is now, unknown fields kept
     * @throws MalformedContentException if it is missing or invalid
     */
    public ManifestIndex index() {
        byte[] bytes = readSmallFile(INDEX_FILE, Manifest.MAX_BYTES);
        Manifest parsed;
        try {
            parsed = Manifest.parse(bytes, MediaType.OCI_INDEX);
        } catch (MalformedContentException e) {
            throw new MalformedContentException(document() + " " + INDEX_FILE, e.getMessage(), e);
        }
        if (!(parsed instanceof ManifestIndex index)) {
            throw new MalformedContentException(document(), INDEX_FILE, "is not an image index");
        }
        return index;
    }

    /** @return the manifests {@code index.json} lists, in order */
    public List<Descriptor> entries() {
        return index().manifests();
    }

    /** @return the tags ({@code org.opencontainers.image.ref.name} values) in {@code index.json}, in order */
    public List<String> tags() {
        List<String> tags = new ArrayList<>();
        for (Descriptor d : entries()) {
            String name = d.annotations().get(Annotations.REF_NAME);
            if (name != null) {
                tags.add(name);
            }
        }
        return tags;
    }

    /**
     * @param tag the tag, as in the index entry's {@code org.opencontainers.image.ref.name} annotation
     * @return the entry tagged {@code tag}, if any
     */
    public Optional<Descriptor> find(String tag) {
        requireRefName(tag, "tag");
        return entries().stream().filter(d -> tag.equals(d.annotations().get(Annotations.REF_NAME))).findFirst();
    }

    /**
     * Finds a manifest by tag, or by digest (an entry of {@code index.json}, else any manifest blob).
     *
     * @param reference a tag or a digest
     * @return its descriptor
     * @throws UnknownTagException if there is no such manifest
     */
    public Descriptor resolve(String reference) {
        requireRefName(reference, "reference");
        Optional<Digest> digest = Digest.tryParse(reference);
        if (digest.isEmpty()) {
            return find(reference).orElseThrow(() -> new UnknownTagException(dir, reference, tags()));
        }
        Optional<Descriptor> listed = entries().stream().filter(d -> d.digest().equals(digest.get())).findFirst();
        if (listed.isPresent()) {
            return listed.get();
        }
        Path blob = blobPath(digest.get());
        if (!Files.isRegularFile(blob)) {
            throw new UnknownTagException(dir, reference, tags());
        }
        byte[] bytes = readSmallFile(dir.relativize(blob).toString(), Manifest.MAX_BYTES);
        digest.get().verify(bytes);
        return Manifest.parse(bytes, null).descriptor();
    }

    /**
     * Tags a manifest: {@code index.json} gets an entry for it carrying the tag, replacing the entry that
     * carried the tag before. The manifest's blob should be written first.
     *
     * @param tag      the tag
     * @param manifest the manifest's descriptor (media type, digest, size; a platform is kept)
     */
    public void tag(String tag, Descriptor manifest) {
        requireRefName(tag, "tag");
        InvalidArgumentException.requireNonNull(manifest, "manifest");
        synchronized (indexLock) {
            ManifestIndex index = index();
            List<Descriptor> entries = new ArrayList<>();
            for (Descriptor d : index.manifests()) {
                String name = d.annotations().get(Annotations.REF_NAME);
                boolean replaced = tag.equals(name) || (name == null && d.digest().equals(manifest.digest()));
                if (!replaced) {
                    entries.add(d);
                }
            }
            Map<String, String> annotations = new LinkedHashMap<>(manifest.annotations());
            annotations.put(Annotations.REF_NAME, tag);
            entries.add(manifest.withAnnotations(annotations));
            writeIndex(index, entries);
        }
    }

    /**
     * Lists a manifest in {@code index.json} without a tag (as oras keeps referrers), unless it is listed already.
     *
     * @param manifest the manifest's descriptor
     */
    public void addEntry(Descriptor manifest) {
        InvalidArgumentException.requireNonNull(manifest, "manifest");
        synchronized (indexLock) {
            ManifestIndex index = index();
            if (index.manifests().stream().anyMatch(d -> d.digest().equals(manifest.digest()))) {
                return;
            }
            List<Descriptor> entries = new ArrayList<>(index.manifests());
            entries.add(manifest);
            writeIndex(index, entries);
        }
    }

    /**
     * Removes a tag's entry from {@code index.json}; blobs stay.
     *
     * @param tag the tag to remove from the index
     * @return whether the tag was there
     */
    public boolean untag(String tag) {
        requireRefName(tag, "tag");
        synchronized (indexLock) {
            ManifestIndex index = index();
            List<Descriptor> entries = new ArrayList<>(index.manifests());
            boolean removed = entries.removeIf(d -> tag.equals(d.annotations().get(Annotations.REF_NAME)));
            if (removed) {
                writeIndex(index, entries);
            }
            return removed;
        }
    }

    private void writeIndex(ManifestIndex current, List<Descriptor> entries) {
        try {
            writeFile(INDEX_FILE, current.toBuilder().manifests(entries).build().bytes());
        } catch (IOException e) {
            throw new ContentIOException("cannot write " + dir.resolve(INDEX_FILE), e);
        }
    }

    // Temp file, sync, atomic rename, sync the directory: a crash leaves the old file or the new one.
    private void writeFile(String name, byte[] bytes) throws IOException {
        Path target = dir.resolve(name);
        Path temp = dir.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(ch);
                out.write(bytes);
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    // ---------------------------------------------------------------- blobs

    /**
     * @param digest the blob's digest
     * @return where the blob with this digest lives, {@code blobs/<alg>/<encoded>}
     */
    public Path blobPath(Digest digest) {
        InvalidArgumentException.requireNonNull(digest, "digest");
        return dir.resolve("blobs").resolve(digest.algorithm()).resolve(digest.encoded());
    }

    /**
     * @param blob the blob's descriptor
     * @return whether the blob is there with the expected size (blobs are only ever renamed into place verified)
     */
    public boolean hasBlob(Descriptor blob) {
        InvalidArgumentException.requireNonNull(blob, "blob");
        Path file = blobPath(blob.digest());
        try {
            return Files.isRegularFile(file) && Files.size(file) == blob.size();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Opens a blob as a stream that checks its size and digest as it is read: a mismatch raises
     * {@link dev.berth.model.DigestMismatchException} or {@link dev.berth.model.SizeMismatchException}
     * at the latest when the end is reached. The caller closes it.
     *
     * @param blob the blob's descriptor
     * @return the blob's content
     * @throws MalformedContentException if the layout lacks the blob
     */
    public InputStream openBlob(Descriptor blob) {
        InvalidArgumentException.requireNonNull(blob, "blob");
        return new VerifyingInputStream(openRaw(blob.digest()), blob);
    }

    /**
     * Opens a blob from an offset, unverified (a part has no digest of its own): for resuming transfers
     * of a blob already checked with {@link #verifyBlob}.
     *
     * @param offset how many bytes to skip from the start
     * @param digest the blob's digest
     * @return the content from {@code offset} on; the caller closes it
     * @throws ContentIOException if the file cannot be read
     */
    public InputStream openBlob(Digest digest, long offset) {
        InvalidArgumentException.requireNonNull(digest, "digest");
        InvalidArgumentException.requireNonNegative(offset, "offset");
        InputStream in = openRaw(digest);
        try {
            in.skipNBytes(offset);
            return in;
        } catch (IOException e) {
            closeQuietly(in);
            throw new ContentIOException("cannot read " + blobPath(digest), e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the read failed already; that is what is reported
        }
    }

    private InputStream openRaw(Digest digest) {
        Path file = blobPath(digest);
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new MalformedContentException(document(), dir.relativize(file).toString(), "is missing");
        } catch (IOException e) {
            throw new ContentIOException("cannot read " + file, e);
        }
    }

    /**
     * Reads a whole blob and checks it against its descriptor.
     *
     * @param blob the blob's descriptor, whose digest and size are verified
     * @throws dev.berth.model.DigestMismatchException if its bytes do not match the digest
     * @throws dev.berth.model.SizeMismatchException   if its size differs
     */
    public void verifyBlob(Descriptor blob) {
        InvalidArgumentException.requireNonNull(blob, "blob");
        try (InputStream in = openBlob(blob)) {
            byte[] buf = new byte[BUFFER];
            while (in.read(buf) >= 0) {
                // the stream checks as it goes, and at the end
            }
        } catch (IOException e) {
            throw new ContentIOException("cannot read " + blobPath(blob.digest()), e);
        }
    }

    /**
     * Reads a small blob (a manifest, a configuration) into memory, verified.
     *
     * @param limit the largest size accepted
     * @param blob the blob's descriptor, whose digest and size are verified
     * @return the blob's bytes
     * @throws ContentTooLargeException if the descriptor announces more than {@code limit} bytes
     */
    public byte[] getBlob(Descriptor blob, int limit) {
        InvalidArgumentException.requireNonNull(blob, "blob");
        InvalidArgumentException.requireNonNegative(limit, "limit");
        if (blob.size() > limit) {
            throw new ContentTooLargeException(document() + " blob " + blob.digest(), limit, blob.size());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(blob.size(), 0));
        try (InputStream in = openBlob(blob)) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new ContentIOException("cannot read " + blobPath(blob.digest()), e);
        }
        return out.toByteArray();
    }

    /**
     * Writes a blob unless it is there already: the content streams to a temporary file next to its final
     * place, hashed as it flows (a large blob is hashed and written on threads of their own while the next
     * bytes are read), is verified against {@code blob}'s digest and size, synced to disk and renamed into
     * place. On any failure the temporary file is removed and nothing is visible.
     *
     * @param blob    the digest and size the content must have
     * @param content the content; closed when done
     * @return true if written, false if the layout already had it
     * @throws dev.berth.model.DigestMismatchException if the content does not hash to the digest
     * @throws dev.berth.model.SizeMismatchException   if it is longer or shorter than announced
     */
    public boolean pushBlob(Descriptor blob, InputStream content) {
        InvalidArgumentException.requireNonNull(blob, "blob");
        InvalidArgumentException.requireNonNull(content, "content");
        Path target = blobPath(blob.digest());
        MessageDigest md = blob.digest().computableAlgorithm().newMessageDigest();
        try (InputStream in = content) {
            if (hasBlob(blob)) {
                return false;
            }
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling("." + blob.digest().encoded() + "." + UUID.randomUUID() + ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    long received;
                    try (HashingWriter sink = new HashingWriter(md, Channels.newOutputStream(ch), blob.size(),
                            "layout " + blob.digest().shortForm())) {
                        received = sink.transferFrom(in, blob.size());
                        sink.finish();
                    }
                    HashingWriter.verify(blob, md, received);
                    ch.force(true);
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                syncDirectory(target.getParent());
            } finally {
                Files.deleteIfExists(temp);
            }
            return true;
        } catch (IOException e) {
            throw new ContentIOException("cannot write " + target, e);
        }
    }

    /**
     * Writes a blob held in memory; see {@link #pushBlob(Descriptor, InputStream)}.
     *
     * @param content the blob's bytes
     * @param blob the blob's descriptor; {@code content} must match its digest and size
     * @return true if written, false if the layout already had it
     */
    public boolean pushBlob(Descriptor blob, byte[] content) {
        InvalidArgumentException.requireNonNull(content, "content");
        return pushBlob(blob, new java.io.ByteArrayInputStream(content));
    }

    // ---------------------------------------------------------------- manifests

    /**
     * Writes a manifest's exact bytes as a blob (untagged: see {@link #tag} and {@link #addEntry}).
     *
     * @param manifest the manifest, written as its exact bytes
     */
    public void pushManifest(Manifest manifest) {
        InvalidArgumentException.requireNonNull(manifest, "manifest");
        pushBlob(manifest.descriptor(), manifest.bytes());
    }

    /**
     * Reads a manifest, verified against its digest.
     *
     * @param manifest its descriptor; the media type tells how to read it
     * @return the manifest, its exact bytes kept
     */
    public Manifest getManifest(Descriptor manifest) {
        InvalidArgumentException.requireNonNull(manifest, "manifest");
        return Manifest.parse(getBlob(manifest, Manifest.MAX_BYTES), manifest.mediaType());
    }

    /**
     * @param reference a tag or a digest
     * @return the manifest
     * @throws UnknownTagException if there is no such manifest
     */
    public Manifest getManifest(String reference) {
        return getManifest(resolve(reference));
    }

    /**
     * The referrers of a manifest held here: the manifests listed in {@code index.json} whose
     * {@code subject} is {@code subject}, as oras keeps them in a layout.
     *
     * @param subject the digest of the manifest the referrers refer to
     * @return their referrers-index entries, in {@code index.json} order
     */
    public List<Descriptor> referrers(Digest subject) {
        InvalidArgumentException.requireNonNull(subject, "subject");
        List<Descriptor> found = new ArrayList<>();
        for (Descriptor d : entries()) {
            if (!MediaType.isManifest(d.mediaType()) || d.digest().equals(subject)) {
                continue;
            }
            Manifest m = getManifest(d);
            if (m.subject().map(s -> s.digest().equals(subject)).orElse(false)) {
                found.add(Referrers.entryOf(m));
            }
        }
        return found;
    }

    private static void syncDirectory(Path directory) {
        // Makes the rename durable on Linux; other systems do not open directories, and that is fine.
        try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "oci:" + dir;
    }
}

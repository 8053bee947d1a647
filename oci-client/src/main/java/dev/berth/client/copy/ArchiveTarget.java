package dev.berth.client.copy;

import dev.berth.client.TransferListener;
import dev.berth.client.internal.Streams;
import dev.berth.client.internal.TarWriter;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.OciException;
import dev.berth.model.UnsupportedManifestException;
import dev.berth.model.VerifyingInputStream;
import dev.berth.model.artifact.Referrers;
import dev.berth.model.config.Annotations;
import dev.berth.model.internal.Json;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes an OCI image layout as a tar, and for {@code docker save} also its {@code manifest.json}: blobs stream
 * into a temporary file beside the archive as they arrive (one at a time), the index last; the file is renamed
 * over the archive only on {@link #commit()}, and deleted on a close without it.
 */
final class ArchiveTarget implements ImageTarget {
    private static final String CONTAINERD_NAME = "io.containerd.image.name";

    private final Path file;
    private final boolean docker;
    private final Path temp;
    private final FileChannel channel;
    private final TarWriter tar;
    private final Set<Digest> written = new HashSet<>();
    private final Set<String> directories = new HashSet<>();
    private final List<Descriptor> entries = new ArrayList<>();
    private final List<Map<String, Object>> dockerImages = new ArrayList<>();
    private boolean committed;

    private ArchiveTarget(Path file, boolean docker) {
        this.file = file.toAbsolutePath();
        this.docker = docker;
        this.temp = this.file.resolveSibling("." + this.file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(this.file.getParent());
            this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.tar = new TarWriter(channel);
            tar.file("oci-layout", ("{\"imageLayoutVersion\":\"1.0.0\"}").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OciException("cannot write " + temp + ": " + e.getMessage(), e);
        }
    }

    static ArchiveTarget oci(Path file) {
        return new ArchiveTarget(file, false);
    }

    static ArchiveTarget docker(Path file) {
        return new ArchiveTarget(file, true);
    }

    @Override
    public TransferListener.Outcome pushBlob(Descriptor blob, ImageSource from, TransferListener listener) {
        synchronized (this) {
            if (written.contains(blob.digest())) {
                listener.done(blob, TransferListener.Outcome.ALREADY_PRESENT);
                return TransferListener.Outcome.ALREADY_PRESENT;
            }
            try (InputStream in = new VerifyingInputStream(
                    Streams.reportingProgress(from.contentOf(blob).open(0), blob, 0, listener), blob)) {
                writeBlob(blob.digest(), blob.size(), in);
            } catch (IOException e) {
                throw new OciException("cannot copy blob " + blob.digest() + " from " + from.describe() + " to "
                        + describe() + ": " + e.getMessage(), e);
            }
        }
        listener.done(blob, TransferListener.Outcome.TRANSFERRED);
        return TransferListener.Outcome.TRANSFERRED;
    }

    private void writeBlob(Digest digest, long size, InputStream in) throws IOException {
        String dir = "blobs/" + digest.algorithm();
        if (directories.add(dir)) {
            if (directories.add("blobs")) {
                tar.directory("blobs");
            }
            tar.directory(dir);
        }
        tar.file(ArchiveSources.blobName(digest), size, in);
        written.add(digest);
    }

    @Override
    public synchronized void pushManifest(Manifest manifest, Role role, Optional<String> tag) {
        if (docker && role == Role.ROOT) {
            dockerImages.add(dockerEntry(manifest, tag));
        }
        try {
            if (!written.contains(manifest.digest())) {
                writeBlob(manifest.digest(), manifest.size(), new java.io.ByteArrayInputStream(manifest.bytes()));
            }
        } catch (IOException e) {
            throw new OciException("cannot write manifest " + manifest.digest() + " to " + describe(), e);
        }
        switch (role) {
            case ROOT -> {
                Descriptor d = manifest.descriptor();
                Optional<String> name = tag.filter(ArchiveTarget::isName);
                if (name.isPresent()) {
                    Map<String, String> annotations = new LinkedHashMap<>();
                    if (docker) {
                        annotations.put(CONTAINERD_NAME, repoTag(name.get()));
                        annotations.put(Annotations.REF_NAME, tagOf(repoTag(name.get())));
                    } else {
                        annotations.put(Annotations.REF_NAME, name.get());
                    }
                    d = d.withAnnotations(annotations);
                }
                entries.add(d);
            }
            case REFERRER -> entries.add(Referrers.entryOf(manifest));
            case CHILD -> {
                // reachable through its index
            }
        }
    }

    // docker load reads manifest.json; it knows single images only.
    private Map<String, Object> dockerEntry(Manifest manifest, Optional<String> tag) {
        if (!(manifest instanceof ImageManifest image) || !MediaType.isImageConfig(image.config().mediaType())) {
            throw new UnsupportedManifestException(manifest.mediaType(), "a docker save archive holds container "
                    + "images of one platform, not an index or an artifact: select a platform");
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Config", ArchiveSources.blobName(image.config().digest()));
        entry.put("RepoTags", tag.filter(ArchiveTarget::isName).map(t -> List.of(repoTag(t)))
                .orElse(List.of()));
        entry.put("Layers", image.layers().stream().map(l -> ArchiveSources.blobName(l.digest())).toList());
        return entry;
    }

    // "team/app:1" is a name; only a digest of a known algorithm is taken for one
    private static boolean isName(String tag) {
        return Digest.tryParse(tag).map(d -> !d.isVerifiable()).orElse(true);
    }

    private static String repoTag(String name) {
        return name.lastIndexOf(':') > name.lastIndexOf('/') ? name : name + ":latest";
    }

    private static String tagOf(String repoTag) {
        return repoTag.substring(repoTag.lastIndexOf(':') + 1);
    }

    @Override
    public synchronized void commit() {
        try {
            tar.file("index.json", ManifestIndex.builder().manifests(entries).build().bytes());
            if (docker) {
                tar.file("manifest.json", Json.mapper().writeValueAsBytes(dockerImages));
            }
            tar.finish();
            channel.close();
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            committed = true;
        } catch (IOException e) {
            throw new OciException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return (docker ? "docker-archive:" : "oci-archive:") + file;
    }

    @Override
    public synchronized void close() {
        if (committed) {
            return;
        }
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            throw new OciException("cannot remove " + temp + ": " + e.getMessage(), e);
        }
    }
}

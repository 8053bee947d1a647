package dev.berth.client.copy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.BlobSource;
import dev.berth.client.internal.GzipStreams;
import dev.berth.client.internal.TarIndex;
import dev.berth.client.layout.UnknownTagException;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.DigestAlgorithm;
import dev.berth.model.MalformedContentException;
import dev.berth.model.MediaType;
import dev.berth.model.OciException;
import dev.berth.model.artifact.Referrers;
import dev.berth.model.config.Annotations;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.internal.Json;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The two tar archives as sources, read in place through a {@link TarIndex}. */
final class ArchiveSources {
    private static final int MAX_DOCKER_MANIFEST = 4 * 1024 * 1024;

    private ArchiveSources() {
    }

    static ImageSource oci(Path file) {
        return new Oci(TarIndex.read(file));
    }

    static ImageSource docker(Path file) {
        return new Docker(TarIndex.read(file));
    }

    /** What both read the same way: entries by name as blobs. */
    private abstract static class Base implements ImageSource {
        final TarIndex tar;

        Base(TarIndex tar) {
            this.tar = tar;
        }

        TarIndex.Entry require(String name) {
            return tar.find(name).orElseThrow(() -> new MalformedArchiveException(tar.file(), name, "is missing"));
        }

        BlobSource region(TarIndex.Entry entry) {
            return new BlobSource() {
                @Override
                public long size() {
                    return entry.size();
                }

                @Override
                public InputStream open(long offset) throws IOException {
                    return tar.open(entry, offset);
                }
            };
        }

        Manifest parse(byte[] bytes, String mediaType, Digest expected, String name) {
            try {
                return expected == null ? Manifest.parse(bytes, mediaType) : Manifest.parse(bytes, mediaType, expected);
            } catch (MalformedArchiveException e) {
                throw e;
            } catch (MalformedContentException e) {
                throw new MalformedContentException(describe() + " " + name, e.getMessage(), e);
            }
        }
    }

    /** An OCI image layout in a tar: {@code oci-layout}, {@code index.json}, {@code blobs/ALG/HEX}. */
    private static final class Oci extends Base {
        private final ManifestIndex index;

        Oci(TarIndex tar) {
            super(tar);
            byte[] marker = tar.readAll(require("oci-layout"), 64 * 1024);
            JsonNode version = Json.readObject(marker, describe() + " oci-layout").get("imageLayoutVersion");
            if (version == null || !version.isTextual() || !version.textValue().startsWith("1.")) {
                throw new MalformedArchiveException(tar.file(), "oci-layout",
                        "imageLayoutVersion is missing or not 1.x");
            }
            Manifest parsed = parse(tar.readAll(require("index.json"), Manifest.MAX_BYTES), MediaType.OCI_INDEX, null,
                    "index.json");
            if (!(parsed instanceof ManifestIndex i)) {
                throw new MalformedArchiveException(tar.file(), "index.json", "is not an image index");
            }
            this.index = i;
        }

        private List<String> tags() {
            return index.manifests().stream().map(d -> d.annotations().get(Annotations.REF_NAME))
                    .filter(java.util.Objects::nonNull).toList();
        }

        @Override
        public Manifest getManifest(String reference) {
            if (reference.isEmpty()) { // no name: the archive's only manifest, as skopeo reads it
                if (index.manifests().size() != 1) {
                    throw new UnknownTagException(describe() + " (" + index.manifests().size()
                            + " manifests: name one)", reference, tags());
                }
                return getManifest(index.manifests().get(0));
            }
            Optional<Digest> digest = Digest.tryParse(reference);
            Optional<Descriptor> entry = index.manifests().stream().filter(d -> digest.isPresent()
                    ? d.digest().equals(digest.get()) : reference.equals(d.annotations().get(Annotations.REF_NAME)))
                    .findFirst();
            if (entry.isPresent()) {
                return getManifest(entry.get());
            }
            if (digest.isPresent() && tar.find(blobName(digest.get())).isPresent()) {
                String name = blobName(digest.get());
                return parse(tar.readAll(require(name), Manifest.MAX_BYTES), null, digest.get(), name);
            }
            throw new UnknownTagException(describe(), reference, tags());
        }

        @Override
        public Manifest getManifest(Descriptor descriptor) {
            String name = blobName(descriptor.digest());
            return parse(tar.readAll(require(name), Manifest.MAX_BYTES), descriptor.mediaType(), descriptor.digest(),
                    name);
        }

        @Override
        public List<Descriptor> referrers(Digest subject) {
            List<Descriptor> found = new ArrayList<>();
            for (Descriptor d : index.manifests()) {
                if (MediaType.isManifest(d.mediaType()) && !d.digest().equals(subject)) {
                    Manifest m = getManifest(d);
                    if (m.subject().map(s -> s.digest().equals(subject)).orElse(false)) {
                        found.add(Referrers.entryOf(m));
                    }
                }
            }
            return found;
        }

        @Override
        public BlobSource getBlob(Descriptor blob) {
            return region(require(blobName(blob.digest())));
        }

        @Override
        public String describe() {
            return "oci-archive:" + tar.file();
        }
    }

    static String blobName(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.encoded();
    }

    /**
     * A {@code docker save} archive: {@code manifest.json} lists each image's configuration, tags and layer
     * files. The image manifest is Berth's own making (Docker schema 2, each layer file's digest, gzip or plain
     * tar as its first bytes say), so it is the same for the same archive, but not the registry's original.
     */
    private static final class Docker extends Base {
        private final List<JsonNode> images = new ArrayList<>();
        private final Map<Digest, TarIndex.Entry> blobs = new ConcurrentHashMap<>();
        private final Map<Digest, Manifest> manifests = new ConcurrentHashMap<>();

        Docker(TarIndex tar) {
            super(tar);
            byte[] bytes = tar.readAll(require("manifest.json"), MAX_DOCKER_MANIFEST);
            JsonNode root;
            try {
                root = Json.mapper().readTree(bytes);
            } catch (IOException e) {
                throw new MalformedArchiveException(tar.file(), "manifest.json", "is not JSON: " + e.getMessage());
            }
            if (root == null || !root.isArray() || root.isEmpty()) {
                throw new MalformedArchiveException(tar.file(), "manifest.json", "is not a non-empty array of images");
            }
            for (int i = 0; i < root.size(); i++) {
                JsonNode image = root.get(i);
                if (!image.isObject() || !image.path("Config").isTextual() || !image.path("Layers").isArray()) {
                    throw new MalformedArchiveException(tar.file(), "manifest.json[" + i + "]",
                            "needs Config (a file name) and Layers (a list of file names)");
                }
                images.add(image);
            }
        }

        private List<String> tags() {
            List<String> tags = new ArrayList<>();
            for (JsonNode image : images) {
                image.path("RepoTags").forEach(t -> tags.add(t.asText()));
            }
            return tags;
        }

        @Override
        public Manifest getManifest(String reference) {
            // "team/app:1" parses as a digest of algorithm "team/app"; only a known algorithm's is one
            Optional<Digest> digest = Digest.tryParse(reference).filter(Digest::isVerifiable);
            if (digest.isPresent()) {
                for (int i = 0; i < images.size() && !manifests.containsKey(digest.get()); i++) {
                    build(i);
                }
                Manifest m = manifests.get(digest.get());
                if (m == null) {
                    throw new UnknownTagException(describe(), reference, tags());
                }
                return m;
            }
            return build(select(reference));
        }

        // "" for the only image, "@N" for the N-th, else a RepoTags entry (docker.io/ and library/ optional).
        private int select(String reference) {
            if (reference.isEmpty()) {
                if (images.size() != 1) {
                    throw new UnknownTagException(describe() + " (" + images.size() + " images: name one, or @N)",
                            reference, tags());
                }
                return 0;
            }
            if (reference.startsWith("@")) {
                try {
                    int n = Integer.parseInt(reference.substring(1));
                    if (n >= 0 && n < images.size()) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new UnknownTagException(describe() + " (images @0 to @" + (images.size() - 1) + ")", reference,
                        tags());
            }
            String wanted = familiar(reference);
            for (int i = 0; i < images.size(); i++) {
                for (JsonNode t : images.get(i).path("RepoTags")) {
                    if (familiar(t.asText()).equals(wanted)) {
                        return i;
                    }
                }
            }
            throw new UnknownTagException(describe(), reference, tags());
        }

        static String familiar(String name) {
            String n = name.startsWith("docker.io/") ? name.substring("docker.io/".length()) : name;
            n = n.startsWith("library/") ? n.substring("library/".length()) : n;
            return n.lastIndexOf(':') > n.lastIndexOf('/') ? n : n + ":latest";
        }

        private synchronized Manifest build(int i) {
            JsonNode image = images.get(i);
            String where = "manifest.json[" + i + "]";
            TarIndex.Entry configEntry = require(image.path("Config").asText());
            byte[] config = tar.readAll(configEntry, ImageConfig.MAX_BYTES);
            Descriptor configDescriptor = Descriptor.forContent(MediaType.DOCKER_CONFIG, config);
            checkClaimedDigest(configEntry, configDescriptor.digest());
            ImageConfig.parse(config); // a broken configuration fails here, named, not in a registry's reply
            blobs.put(configDescriptor.digest(), configEntry);
            ImageManifest.Builder m = ImageManifest.builder().mediaType(MediaType.DOCKER_MANIFEST).config(configDescriptor);
            for (JsonNode layer : image.path("Layers")) {
                if (!layer.isTextual()) {
                    throw new MalformedArchiveException(tar.file(), where + ".Layers", "holds a non-string");
                }
                TarIndex.Entry entry = require(layer.asText());
                Descriptor d = describeLayer(entry);
                checkClaimedDigest(entry, d.digest());
                blobs.put(d.digest(), entry);
                m.layer(d);
            }
            Manifest built = m.build();
            manifests.put(built.digest(), built);
            return built;
        }

        // Docker names files by what they hold (blobs/sha256/HEX since Docker 25, HEX.json for the configuration
        // before): a file whose bytes do not hash to its name is damaged, and would be copied as another image.
        private void checkClaimedDigest(TarIndex.Entry entry, Digest actual) {
            Optional<Digest> claimed = claimedDigest(entry.name());
            if (claimed.isPresent() && !claimed.get().equals(actual)) {
                throw new MalformedArchiveException(tar.file(), entry.name(),
                        "holds content of digest " + actual + ", not the " + claimed.get() + " its name says");
            }
        }

        static Optional<Digest> claimedDigest(String name) {
            String n = name.startsWith("./") ? name.substring(2) : name;
            String[] parts = n.split("/");
            if (parts.length == 3 && parts[0].equals("blobs")) {
                return Digest.tryParse(parts[1] + ":" + parts[2]).filter(Digest::isVerifiable);
            }
            if (parts.length == 1 && n.endsWith(".json") && n.length() == 64 + 5) {
                return Digest.tryParse("sha256:" + n.substring(0, 64)).filter(Digest::isVerifiable);
            }
            return Optional.empty();
        }

        private Descriptor describeLayer(TarIndex.Entry entry) {
            try (InputStream in = tar.open(entry, 0)) {
                byte[] start = in.readNBytes(2);
                Digest digest;
                try (InputStream all = tar.open(entry, 0)) {
                    digest = Digest.compute(DigestAlgorithm.SHA256, all);
                }
                String type = GzipStreams.isGzip(start) ? MediaType.DOCKER_LAYER : MediaType.DOCKER_LAYER_TAR;
                return Descriptor.of(type, digest, entry.size());
            } catch (IOException e) {
                throw new OciException("cannot read " + entry.name() + " of " + tar.file() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public Manifest getManifest(Descriptor descriptor) {
            Manifest m = manifests.get(descriptor.digest());
            if (m == null) {
                throw new UnknownTagException(describe(), descriptor.digest().toString(), tags());
            }
            return m;
        }

        @Override
        public List<Descriptor> referrers(Digest subject) {
            return List.of(); // a docker save archive keeps none
        }

        @Override
        public BlobSource getBlob(Descriptor blob) {
            TarIndex.Entry entry = blobs.get(blob.digest());
            if (entry == null) {
                throw new MalformedArchiveException(tar.file(), blob.digest().toString(), "is not a blob of this archive");
            }
            return region(entry);
        }

        @Override
        public String describe() {
            return "docker-archive:" + tar.file();
        }
    }
}

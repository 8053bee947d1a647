package dev.berth.client.copy;

import dev.berth.client.RegistryClient;
import dev.berth.client.layout.OciLayout;
import dev.berth.client.image.Image;
import dev.berth.client.image.ImageIndex;
import dev.berth.model.Reference;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an image is copied from or to: a repository of a registry, an OCI
 * image layout on disk, an OCI or {@code docker save} tar archive, or images held
 * in memory ({@link InMemoryImages}, an {@link Image} or an {@link ImageIndex}).
 * The reference names the image at a source (a tag or a digest) and the tag to
 * give it at a destination (null, or a digest, for none: the copy is then pushed
 * by digest, or listed untagged in a layout).
 *
 * <h2>Another backend</h2>
 * The interface is open: a backend of your own (a bucket, a database, another
 * archive format) implements {@link ImageSource} to be copied from and/or
 * {@link ImageTarget} to be copied to, and an {@code ImageLocation} whose
 * {@link #openSource()} and {@link #openTarget()} hand them out, one per copy:
 *
 * <pre>{@code
 * record BucketLocation(Bucket bucket, String reference) implements ImageLocation {
 *     public ImageSource openSource() { return new BucketSource(bucket); }
 *     public ImageTarget openTarget() { return new BucketTarget(bucket); }
 * }
 * copier.copy(ImageLocation.registry(client, "team/app", "1.0"), new BucketLocation(bucket, "1.0"));
 * }</pre>
 *
 * The copier brings the rest: platform selection, referrers, blobs moved in
 * parallel and only once, blobs before manifests, progress. A backend that
 * cannot be written (or read) throws a typed exception saying so from the
 * method it cannot honour.
 */
public interface ImageLocation {

    /** @return the tag or digest, or null */
    String reference();

    /**
     * Opens this location to be read by one copy, which closes it when it ends.
     *
     * @return the source of a copy
     */
    ImageSource openSource();

    /**
     * Opens this location to be written by one copy, which commits it if the copy succeeded and closes it.
     *
     * @return the destination of a copy
     */
    ImageTarget openTarget();

    /**
     * @param reference a tag or a digest
     * @param repository the repository's name, such as {@code library/alpine}
     * @param client the client of the registry
     * @return a location in a registry repository
     */
    static Registry registry(RegistryClient client, String repository, String reference) {
        return new Registry(client, repository, reference);
    }

    /**
     * @param reference names the image or index, in that client's registry
     * @param client the client of the registry {@code reference} names
     * @return the location {@code reference} names, reached through {@code client}: its digest if it has one
     *         (pinned content for a source; an untagged push for a destination), else its tag, else {@code latest}
     * @throws dev.berth.client.ForeignReferenceException if it names another registry than the client's
     */
    static Registry registry(RegistryClient client, Reference reference) {
        client.requireServes(reference);
        return new Registry(client, reference.repository(), reference.identifier());
    }

    /**
     * @param reference a tag of the layout's index, or a digest
     * @param layout the OCI image layout
     * @return a location in an OCI image layout
     */
    static Layout layout(OciLayout layout, String reference) {
        return new Layout(layout, reference);
    }

    /**
     * An OCI image-layout tar archive, as {@code skopeo copy ... oci-archive:FILE:REF} reads and writes it.
     * As a source the archive is read in place, never unpacked (it must be an uncompressed tar); as a
     * destination it is written next to {@code file}, one blob after the other, and renamed over it once the
     * copy is complete.
     *
     * @param file      the archive
     * @param reference a tag ({@code org.opencontainers.image.ref.name}) or a digest at a source; the tag to give
     *                  the root manifest at a destination, or null for none
     * @return the archive as a location
     */
    static OciArchive ociArchive(Path file, String reference) {
        return new OciArchive(file, reference);
    }

    /**
     * A {@code docker save} tar archive ({@code manifest.json} naming each image's configuration, tags and
     * layers), as {@code docker load} and {@code skopeo copy ... docker-archive:FILE:REF} read it. Berth writes
     * the layout Docker 25 saves: the blobs under {@code blobs/sha256/} as they are (compressed layers stay
     * compressed), {@code manifest.json}, and an OCI {@code index.json} beside it. It holds single images: a
     * multi-platform index cannot be written to it (select a platform).
     *
     * @param file      the archive
     * @param reference at a source: one of the archive's {@code RepoTags} (such as {@code team/app:1.0}), or
     *                  {@code @N} for its N-th image, or null if it holds one image; at a destination: the name
     *                  and tag to record, or null for none
     * @return the archive as a location
     */
    static DockerArchive dockerArchive(Path file, String reference) {
        return new DockerArchive(file, reference);
    }

    /**
     * @param images    images held in memory
     * @param reference a tag or digest in {@code images}; at a destination, the tag to give, or null
     * @return the in-memory store as a location
     */
    static Memory memory(InMemoryImages images, String reference) {
        return new Memory(images, reference);
    }

    /**
     * The source for pushing an image built in memory in one call:
     * {@code copier.copy(ImageLocation.of(image), ImageLocation.registry(client, "team/app", "1.0"))}.
     *
     * @param image an image built in memory
     * @return a location holding only that image, named by its manifest's digest
     */
    static Memory of(Image image) {
        InMemoryImages images = new InMemoryImages();
        return new Memory(images, images.add(image).digest().toString());
    }

    /**
     * The source for pushing a multi-platform image built in memory in one call.
     *
     * @param index images built in memory, one per platform
     * @return a location holding only that index and its images, named by the index's digest
     */
    static Memory of(ImageIndex index) {
        InMemoryImages images = new InMemoryImages();
        return new Memory(images, images.add(index).digest().toString());
    }

    /**
     * An image in a registry repository.
     *
     * @param client     the registry's client
     * @param repository e.g. {@code team/app}
     * @param reference  a tag or a digest, or null (destination only)
     */
    record Registry(RegistryClient client, String repository, String reference) implements ImageLocation {
        /**
         * Checks the repository name.
         *
         * @param client the registry's client
         * @param repository the repository's name within the registry, such as {@code library/alpine}
         * @param reference a tag or a digest, or null (destination only)
         */
        public Registry {
            Objects.requireNonNull(client, "client");
            Reference.requireValidRepository(repository);
        }

        @Override
        public ImageSource openSource() {
            return new RegistryEndpoint(client, repository);
        }

        @Override
        public ImageTarget openTarget() {
            return new RegistryEndpoint(client, repository);
        }

        @Override
        public String toString() {
            return client.registry() + "/" + repository + (reference == null ? ""
                    : (reference.contains(":") ? "@" : ":") + reference);
        }
    }

    /**
     * An image in an OCI image layout.
     *
     * @param layout    the layout
     * @param reference a tag ({@code org.opencontainers.image.ref.name}) or a digest, or null (destination only)
     */
    record Layout(OciLayout layout, String reference) implements ImageLocation {
        /**
         * Checks that there is a layout.
         *
         * @param layout the layout
         * @param reference a tag ({@code org.opencontainers.image.ref.name}) or a digest, or null (destination only)
         */
        public Layout {
            Objects.requireNonNull(layout, "layout");
        }

        @Override
        public ImageSource openSource() {
            return new LayoutEndpoint(layout);
        }

        @Override
        public ImageTarget openTarget() {
            return new LayoutEndpoint(layout);
        }

        @Override
        public String toString() {
            return layout + (reference == null ? "" : ":" + reference);
        }
    }

    /**
     * An OCI image-layout tar archive; see {@link ImageLocation#ociArchive}.
     *
     * @param file      the archive
     * @param reference a tag or a digest, or null (destination only)
     */
    record OciArchive(Path file, String reference) implements ImageLocation {
        /**
         * Checks that there is a file name.
         *
         * @param file      the archive
         * @param reference a tag or a digest, or null (destination only)
         */
        public OciArchive {
            Objects.requireNonNull(file, "file");
        }

        /** @throws MalformedArchiveException if the file is not a readable OCI archive */
        @Override
        public ImageSource openSource() {
            return ArchiveSources.oci(file);
        }

        @Override
        public ImageTarget openTarget() {
            return ArchiveTarget.oci(file);
        }

        @Override
        public String toString() {
            return "oci-archive:" + file + (reference == null ? "" : ":" + reference);
        }
    }

    /**
     * A {@code docker save} tar archive; see {@link ImageLocation#dockerArchive}.
     *
     * @param file      the archive
     * @param reference a {@code RepoTags} entry or {@code @N}, or null
     */
    record DockerArchive(Path file, String reference) implements ImageLocation {
        /**
         * Checks that there is a file name.
         *
         * @param file      the archive
         * @param reference a {@code RepoTags} entry or {@code @N}, or null
         */
        public DockerArchive {
            Objects.requireNonNull(file, "file");
        }

        /** @throws MalformedArchiveException if the file is not a readable {@code docker save} archive */
        @Override
        public ImageSource openSource() {
            return ArchiveSources.docker(file);
        }

        @Override
        public ImageTarget openTarget() {
            return ArchiveTarget.docker(file);
        }

        @Override
        public String toString() {
            return "docker-archive:" + file + (reference == null ? "" : ":" + reference);
        }
    }

    /**
     * Images held in memory.
     *
     * @param images    the store
     * @param reference a tag or a digest in it, or null (destination only)
     */
    record Memory(InMemoryImages images, String reference) implements ImageLocation {
        /**
         * Checks that there is a store.
         *
         * @param images    the store
         * @param reference a tag or a digest in it, or null (destination only)
         */
        public Memory {
            Objects.requireNonNull(images, "images");
        }

        @Override
        public ImageSource openSource() {
            return images;
        }

        @Override
        public ImageTarget openTarget() {
            return images;
        }

        @Override
        public String toString() {
            return "memory" + (reference == null ? "" : ":" + reference);
        }
    }
}

package dev.berth.client.copy;

import dev.berth.client.RegistryClient;
import dev.berth.client.layout.OciLayout;
import dev.berth.model.Reference;
import java.util.Objects;

/**
 * Where an image is copied from or to: a repository of a registry, or an OCI
 * image layout on disk. The reference names the image at a source (a tag or a
 * digest) and the tag to give it at a destination (null, or a digest, for none:
 * the copy is then pushed by digest, or listed untagged in a layout).
 */
public sealed interface ImageLocation permits ImageLocation.Registry, ImageLocation.Layout {

    /** @return the tag or digest, or null */
    String reference();

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
        public String toString() {
            return layout + (reference == null ? "" : ":" + reference);
        }
    }
}

package dev.berth.client.copy;

import dev.berth.client.BlobSource;
import dev.berth.client.TransferListener;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.manifest.Manifest;
import java.util.List;
import java.util.Optional;

/** One side of a copy, registry or layout, seen through the few operations a copy needs. */
interface Endpoint {

    /** Why a manifest is written, which decides how a layout lists it. */
    enum Role {
        /** the manifest the destination reference names */
        ROOT,
        /** an entry of an index, reachable through it */
        CHILD,
        /** an artifact referring to another manifest, reachable through nothing else */
        REFERRER
    }

    /** @return the manifest a tag or digest names */
    Manifest manifest(String reference);

    /** @return the manifest a descriptor names, verified against its digest */
    Manifest manifest(Descriptor descriptor);

    /** @return the referrers of a manifest, as referrers-index entries */
    List<Descriptor> referrers(Digest subject);

    /** @return the blob's content, reopenable at an offset; checked against its digest before anything is sent */
    BlobSource blobSource(Descriptor blob);

    /**
     * @return the blob's content: the bytes embedded in its descriptor when they match its digest (the empty
     *         config of artifacts; some registries accept a manifest without that blob), else {@link #blobSource}
     */
    default BlobSource contentOf(Descriptor blob) {
        Optional<byte[]> data = blob.data().filter(d -> d.length == blob.size() && blob.digest().matches(d));
        return data.isPresent() ? BlobSource.of(data.get()) : blobSource(blob);
    }

    /** Writes a blob unless the destination has it. @return how it got there */
    TransferListener.Outcome putBlob(Descriptor blob, Endpoint from, TransferListener listener);

    /** Writes a manifest's exact bytes; a root gets {@code tag} if not null. */
    void putManifest(Manifest manifest, Role role, String tag);

    /** @return where this is, for messages */
    String describe();
}

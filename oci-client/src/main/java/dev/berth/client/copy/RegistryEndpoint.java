package dev.berth.client.copy;

import dev.berth.client.BlobSource;
import dev.berth.client.RegistryClient;
import dev.berth.client.TransferListener;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.manifest.Manifest;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** A registry repository as either side of a copy. */
final class RegistryEndpoint implements ImageSource, ImageTarget {
    private final RegistryClient client;
    private final String repository;

    RegistryEndpoint(RegistryClient client, String repository) {
        this.client = client;
        this.repository = repository;
    }

    @Override
    public Manifest getManifest(String reference) {
        return client.getManifest(repository, reference);
    }

    @Override
    public Manifest getManifest(Descriptor descriptor) {
        return client.getManifest(repository, descriptor.digest().toString());
    }

    @Override
    public List<Descriptor> referrers(Digest subject) {
        return client.referrers(repository, subject);
    }

    // Streams straight from the source registry: the whole blob verified as it flows, a resumed part by range.
    @Override
    public BlobSource getBlob(Descriptor blob) {
        return new BlobSource() {
            @Override
            public long size() {
                return blob.size();
            }

            @Override
            public InputStream open(long offset) {
                return offset == 0 ? client.openBlob(repository, blob)
                        : client.openBlobRange(repository, blob.digest(), offset, blob.size() - offset);
            }
        };
    }

    /**
     * The blob's bytes for a target that verifies them itself (a layout hashes what it writes): the same
     * stream as {@link #getBlob}'s, but not hashed a second time on the way.
     */
    InputStream openUnverified(Descriptor blob) {
        return blob.size() == 0 ? client.openBlob(repository, blob)
                : client.openBlobRange(repository, blob.digest(), 0, blob.size());
    }

    @Override
    public TransferListener.Outcome pushBlob(Descriptor blob, ImageSource from, TransferListener listener) {
        if (from instanceof RegistryEndpoint r && r.client.registry().equals(client.registry())) {
            return client.pushBlob(repository, blob, from.contentOf(blob), r.repository, listener);
        }
        return client.pushBlob(repository, blob, from.contentOf(blob), listener);
    }

    @Override
    public void pushManifest(Manifest manifest, Role role, Optional<String> tag) {
        String reference = role == Role.ROOT && tag.isPresent() && Digest.tryParse(tag.get()).isEmpty()
                ? tag.get() : manifest.digest().toString();
        client.pushManifest(repository, reference, manifest);
    }

    @Override
    public String describe() {
        return client.registry() + "/" + repository;
    }

    @Override
    public void close() {
        // the client belongs to the caller
    }
}

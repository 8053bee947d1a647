package dev.berth.client.copy;

import dev.berth.client.BlobSource;
import dev.berth.client.TransferListener;
import dev.berth.client.internal.Streams;
import dev.berth.client.layout.OciLayout;
import dev.berth.model.ContentIOException;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.artifact.Referrers;
import dev.berth.model.manifest.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** An OCI image layout as either side of a copy. */
final class LayoutEndpoint implements ImageSource, ImageTarget {
    private final OciLayout layout;

    LayoutEndpoint(OciLayout layout) {
        this.layout = layout;
    }

    @Override
    public Manifest getManifest(String reference) {
        return layout.getManifest(reference);
    }

    @Override
    public Manifest getManifest(Descriptor descriptor) {
        return layout.getManifest(descriptor);
    }

    @Override
    public List<Descriptor> referrers(Digest subject) {
        return layout.referrers(subject);
    }

    // Verified as it is sent, not read twice: a corrupt file fails as a digest mismatch when its last bytes are
    // read, and the registry, which checks the digest too, keeps nothing of it. A resumed part has no digest.
    @Override
    public BlobSource getBlob(Descriptor blob) {
        return new BlobSource() {
            @Override
            public long size() {
                return blob.size();
            }

            @Override
            public InputStream open(long offset) {
                return offset == 0 ? layout.openBlob(blob) : layout.openBlob(blob.digest(), offset);
            }
        };
    }

    @Override
    public TransferListener.Outcome pushBlob(Descriptor blob, ImageSource from, TransferListener listener) {
        if (layout.hasBlob(blob)) {
            listener.done(blob, TransferListener.Outcome.ALREADY_PRESENT);
            return TransferListener.Outcome.ALREADY_PRESENT;
        }
        InputStream in;
        try {
            // The layout verifies what it writes: a registry's stream need not be hashed on the way as well.
            in = from instanceof RegistryEndpoint registry && blob.data().isEmpty() ? registry.openUnverified(blob)
                    : from.contentOf(blob).open(0);
        } catch (IOException e) {
            throw new ContentIOException("cannot read blob " + blob.digest() + " from " + from.describe(), e);
        }
        layout.pushBlob(blob, Streams.reportingProgress(in, blob, 0, listener));
        listener.done(blob, TransferListener.Outcome.TRANSFERRED);
        return TransferListener.Outcome.TRANSFERRED;
    }

    @Override
    public void pushManifest(Manifest manifest, Role role, Optional<String> tag) {
        layout.pushManifest(manifest);
        switch (role) {
            case ROOT -> {
                if (tag.isPresent() && Digest.tryParse(tag.get()).isEmpty()) {
                    layout.tag(tag.get(), manifest.descriptor());
                } else {
                    layout.addEntry(manifest.descriptor());
                }
            }
            // Nothing else points at a referrer: index.json must, or it is lost (oras lists them the same way).
            case REFERRER -> layout.addEntry(Referrers.entryOf(manifest));
            case CHILD -> {
                // reachable through its index
            }
        }
    }

    @Override
    public String describe() {
        return layout.toString();
    }

    @Override
    public void close() {
        // the layout belongs to the caller
    }
}

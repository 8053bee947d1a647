package dev.berth.client.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.client.BlobSource;
import dev.berth.client.RegistryClient;
import dev.berth.client.TransferListener;
import dev.berth.client.image.Image;
import dev.berth.client.internal.Streams;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.DigestMismatchException;
import dev.berth.model.OciException;
import dev.berth.model.Platform;
import dev.berth.model.VerifyingInputStream;
import dev.berth.model.manifest.Manifest;
import dev.berth.server.EmbeddedRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backend written outside Berth, the way ImageLocation's Javadoc says: a flat directory of blobs and tags. */
class CustomBackendTest {
    @TempDir
    Path dir;

    /** Blobs as files named by their hex digest, manifests too, a tag as a file holding a digest. */
    record FlatDirectory(Path root, String reference) implements ImageLocation {
        @Override
        public ImageSource openSource() {
            return new Store(root);
        }

        @Override
        public ImageTarget openTarget() {
            return new Store(root);
        }
    }

    record Store(Path root) implements ImageSource, ImageTarget {
        @Override
        public Manifest getManifest(String reference) {
            try {
                String digest = Digest.tryParse(reference).isPresent() ? reference
                        : Files.readString(root.resolve("tag-" + reference));
                return Manifest.parse(Files.readAllBytes(root.resolve(Digest.parse(digest).encoded())), null);
            } catch (IOException e) {
                throw new OciException("no manifest " + reference + " in " + root, e);
            }
        }

        @Override
        public Manifest getManifest(Descriptor descriptor) {
            return getManifest(descriptor.digest().toString());
        }

        @Override
        public List<Descriptor> referrers(Digest subject) {
            return List.of();
        }

        @Override
        public BlobSource getBlob(Descriptor blob) {
            return BlobSource.of(root.resolve(blob.digest().encoded()));
        }

        @Override
        public TransferListener.Outcome pushBlob(Descriptor blob, ImageSource from, TransferListener listener) {
            try (InputStream in = new VerifyingInputStream(
                    Streams.reportingProgress(from.contentOf(blob).open(0), blob, 0, listener), blob)) {
                byte[] bytes = in.readAllBytes();
                Files.write(root.resolve(blob.digest().encoded()), bytes);
            } catch (IOException e) {
                throw new OciException("cannot store " + blob.digest(), e);
            }
            return TransferListener.Outcome.TRANSFERRED;
        }

        @Override
        public void pushManifest(Manifest manifest, Role role, Optional<String> tag) {
            try {
                Files.write(root.resolve(manifest.digest().encoded()), manifest.bytes());
                if (tag.isPresent()) {
                    Files.writeString(root.resolve("tag-" + tag.get()), manifest.digest().toString());
                }
            } catch (IOException e) {
                throw new OciException("cannot store " + manifest.digest(), e);
            }
        }

        @Override
        public String describe() {
            return "flat:" + root;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aBackendOfYourOwnIsCopiedToAndFromLikeBerthsOwn() throws Exception {
        Image image = ArchiveCopyTest.image("custom " + System.nanoTime(), Platform.parse("linux/amd64"));
        FlatDirectory flat = new FlatDirectory(Files.createDirectories(dir.resolve("flat")), "v1");
        CopyResult in = ImageCopier.withDefaults().copy(ImageLocation.of(image), flat);
        assertEquals(3, in.blobCount(TransferListener.Outcome.TRANSFERRED));
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start();
             RegistryClient client = RegistryClient.builder(registry.baseUri().getAuthority()).build()) {
            CopyResult out = ImageCopier.withDefaults().copy(flat, ImageLocation.registry(client, "custom/app", "v1"));
            assertEquals(image.manifest().digest(), out.destination().digest());
            assertArrayEquals(image.manifest().bytes(), client.getManifest("custom/app", "v1").bytes());
        }
        // the copier's checks hold for it too: a blob changed on disk is caught before it reaches anywhere
        Path layer = flat.root().resolve(image.layers().get(1).descriptor().digest().encoded());
        byte[] bytes = Files.readAllBytes(layer);
        bytes[10] ^= 1;
        Files.write(layer, bytes);
        assertThrows(DigestMismatchException.class, () -> ImageCopier.withDefaults()
                .copy(flat, ImageLocation.memory(new InMemoryImages(), "v1")));
    }
}

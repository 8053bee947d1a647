/**
 * The registry client: every distribution-spec operation against one registry
 * ({@link dev.berth.client.RegistryClient}), with authentication negotiated
 * through oci-auth, retries, resumable downloads and uploads; above one
 * registry, copies between registries and OCI image layouts, image inspection,
 * tag listing and deletion, and a set of named registries with connection
 * tests and search.
 *
 * <p>One vocabulary for content, wherever blobs and manifests are read or written
 * ({@link dev.berth.client.RegistryClient}, {@link dev.berth.client.layout.OciLayout}):
 * {@code stat} answers whether content is there and its descriptor, without the bytes
 * ({@code statBlob}, {@code statManifest}); {@code get} reads all of it, verified, into
 * memory or a sink ({@code getManifest}, {@code getBlob}); {@code open} gives a
 * verifying stream the caller closes ({@code openBlob}, {@code openBlobRange});
 * {@code push} writes it ({@code pushBlob}, {@code pushManifest}); {@code delete}
 * removes it. No method takes {@code null}: an optional argument is an overload
 * without it, and a bad argument is an {@link dev.berth.model.InvalidArgumentException}
 * (or {@link dev.berth.model.InvalidReferenceException}) naming the parameter.
 */
module dev.berth.client {
    requires transitive dev.berth.model;
    requires transitive dev.berth.auth;
    requires java.net.http;
    requires org.slf4j;

    exports dev.berth.client;
    exports dev.berth.client.copy;
    exports dev.berth.client.image;
    exports dev.berth.client.inspect;
    exports dev.berth.client.layout;
    exports dev.berth.client.registries;
    exports dev.berth.client.tags;
}

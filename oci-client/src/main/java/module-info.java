/**
 * The registry client: every distribution-spec operation against one registry
 * ({@link dev.berth.client.RegistryClient}), with authentication negotiated
 * through oci-auth, retries, resumable downloads and uploads; above one
 * registry, copies between registries and OCI image layouts, image inspection,
 * tag listing and deletion, and a set of named registries with connection
 * tests and search.
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

/**
 * The registry client: every distribution-spec operation, copy, inspection
 * and OCI image layouts.
 */
module dev.berth.client {
    requires transitive dev.berth.model;
    requires transitive dev.berth.auth;
    requires java.net.http;
    requires org.slf4j;

    exports dev.berth.client;
    exports dev.berth.client.layout;
    exports dev.berth.client.copy;
    exports dev.berth.client.inspect;
    exports dev.berth.client.tags;
}

/**
 * The registry client: every distribution-spec operation, copy, inspection
 * and OCI image layouts ({@code dev.berth.client}), and the named registries
 * an application keeps, with connection testing, search and cached listings
 * ({@code dev.berth.client.registries}).
 */
module dev.berth.client {
    requires transitive dev.berth.model;
    requires transitive dev.berth.auth;
    requires java.net.http;
    requires org.slf4j;

    exports dev.berth.client;
    exports dev.berth.client.registries;
}

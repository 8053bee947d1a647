/**
 * The registry client: every distribution-spec operation, copy, inspection
 * and OCI image layouts. Its API arrives with the oci-client issue.
 */
module dev.berth.client {
    requires transitive dev.berth.model;
    requires transitive dev.berth.auth;
    requires java.net.http;
    requires org.slf4j;
}

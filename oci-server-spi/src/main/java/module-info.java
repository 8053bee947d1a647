/**
 * The storage SPI and the embeddable distribution-spec registry. Its API
 * arrives with the oci-server-spi issue.
 */
module dev.berth.server {
    requires transitive dev.berth.model;
    requires dev.berth.auth;
    requires dev.berth.events;
    requires jdk.httpserver;
    requires org.slf4j;
}

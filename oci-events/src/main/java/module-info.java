/**
 * Registry webhook events: one model for the events of distribution, Harbor,
 * zot, Docker Hub, Azure Container Registry (and Event Grid) and Quay; filters; an {@link dev.berth.events.store.EventStore}
 * SPI with in-memory and JDBC stores; a framework-neutral receiver with a JDK
 * HTTP server adapter; and a sender with distribution's delivery semantics.
 */
module dev.berth.events {
    requires transitive dev.berth.model;
    requires transitive java.sql;
    requires java.net.http;
    requires jdk.httpserver;
    requires org.slf4j;

    exports dev.berth.events;
    exports dev.berth.events.store;
    exports dev.berth.events.receive;
    exports dev.berth.events.send;
}

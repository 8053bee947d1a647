/**
 * Registry webhook events: parse, filter, store, receive and send. Its API
 * arrives with the oci-events issue.
 */
module dev.berth.events {
    requires transitive dev.berth.model;
    requires org.slf4j;
}

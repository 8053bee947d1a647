/**
 * Registry authentication: client-side credentials and challenge negotiation,
 * server-side htpasswd, tokens and TLS material. Its API arrives with the
 * oci-auth issue; the module exists now so that the build and the BOM are whole.
 */
module dev.berth.auth {
    requires transitive dev.berth.model;
    requires org.slf4j;
}

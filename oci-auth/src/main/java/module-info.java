/**
 * Registry authentication. Client side: credentials and where they come from
 * (Docker config, credential helpers, podman's auth.json), {@code WWW-Authenticate}
 * parsing, Basic and Bearer negotiation with a token cache. Server side
 * ({@code dev.berth.auth.server}): htpasswd, the Docker token protocol from the
 * issuer's side, TLS material. {@code dev.berth.auth.vault}: an encrypted store
 * for registry passwords.
 */
module dev.berth.auth {
    requires transitive dev.berth.model;
    requires transitive java.net.http;
    requires jdk.httpserver;
    requires org.slf4j;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports dev.berth.auth;
    exports dev.berth.auth.server;
    exports dev.berth.auth.vault;
    // The unverified TLS context for hosts named insecure is shared with the client, not with users.
    exports dev.berth.auth.internal to dev.berth.client;
}

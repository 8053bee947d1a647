/**
 * Registry authentication, client side: credentials and where they come from
 * (Docker config, credential helpers, podman's auth.json), {@code WWW-Authenticate}
 * parsing, Basic and Bearer negotiation with a token cache.
 * {@code dev.berth.auth.vault}: an encrypted store for registry passwords.
 * JDK crypto only: the server side of auth (htpasswd, tokens, TLS material)
 * lives in {@code dev.berth.server.auth} of {@code dev.berth.server}, so a
 * client-only user carries neither Bouncy Castle nor {@code jdk.httpserver}.
 */
module dev.berth.auth {
    requires transitive dev.berth.model;
    requires transitive java.net.http;
    requires org.slf4j;

    exports dev.berth.auth;
    exports dev.berth.auth.vault;
    // The unverified TLS context for hosts named insecure is shared with the client, not with users.
    exports dev.berth.auth.internal to dev.berth.client;
}

package dev.berth.client.registries;

/** Why a registry could not be used, as a registry browser shows it to its user. */
public enum ConnectionFailure {
    /** the host name does not resolve */
    DNS,
    /** nothing listens on that port */
    REFUSED,
    /** the TLS handshake failed: an untrusted certificate, or no TLS spoken there */
    TLS,
    /** the registry rejected the credentials, or wants credentials and none are configured */
    AUTH,
    /** something answers HTTP there, but {@code /v2/} is not a registry's */
    NOT_A_REGISTRY,
    /** no answer in time */
    TIMEOUT,
    /** any other failure: a broken connection, a server error, a malformed answer */
    OTHER
}

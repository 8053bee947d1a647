package dev.berth.server.internal.http;

/** What the access log reads from an exchange of this server once its handler returned. */
interface Served {
    /** @return the status sent, or the one the server sends because the handler sent none */
    int finalStatus();

    /** @return the bytes of response body written */
    long responseBodyBytes();
}

package dev.berth.client;

import dev.berth.model.Reference;

/**
 * A reference handed to a client (or a copier or inspector working through
 * one) names another registry than the client's: sending it would ask the
 * wrong registry, with this one's credentials.
 */
public final class ForeignReferenceException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Reference reference;
    /** The registry this client talks to. */
    private final String clientRegistry;

    /**
     * @param reference      the reference refused
     * @param clientRegistry the registry of the client, host[:port]
     */
    public ForeignReferenceException(Reference reference, String clientRegistry) {
        super(reference + " names registry " + reference.registry() + ", but this client talks to " + clientRegistry
                + ": use a client for " + reference.registry());
        this.reference = reference;
        this.clientRegistry = clientRegistry;
    }

    /** @return the reference refused */
    public Reference reference() {
        return reference;
    }

    /** @return the registry the reference names */
    public String referenceRegistry() {
        return reference.registry();
    }

    /** @return the registry of the client */
    public String clientRegistry() {
        return clientRegistry;
    }
}

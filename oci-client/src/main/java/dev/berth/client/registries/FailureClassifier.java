package dev.berth.client.registries;

import dev.berth.auth.AuthenticationException;
import dev.berth.client.RegistryUnreachableException;
import dev.berth.model.RegistryException;

/** Sorts the client's exceptions into the kinds of failure a user can act on. */
final class FailureClassifier {
    private FailureClassifier() {
    }

    static ConnectionFailure classify(RuntimeException e) {
        if (e instanceof RegistryUnreachableException u) {
            return switch (u.reason()) {
                case DNS -> ConnectionFailure.DNS;
                case REFUSED -> ConnectionFailure.REFUSED;
                case TLS -> ConnectionFailure.TLS;
                case TIMEOUT -> ConnectionFailure.TIMEOUT;
                case IO -> ConnectionFailure.OTHER;
            };
        }
        if (e instanceof AuthenticationException) {
            return ConnectionFailure.AUTH;
        }
        if (e instanceof RegistryException r && (r.status() == 401 || r.status() == 403)) {
            return ConnectionFailure.AUTH;
        }
        return ConnectionFailure.OTHER;
    }

    /** @return true if the failure came with an HTTP answer from the registry */
    static boolean answered(RuntimeException e) {
        return e instanceof RegistryException || (e instanceof AuthenticationException a && a.status() != 0);
    }

    /** @return the exception's message, or its type when it has none */
    static String describe(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}

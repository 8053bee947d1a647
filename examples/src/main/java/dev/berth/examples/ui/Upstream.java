package dev.berth.examples.ui;

import dev.berth.model.ErrorCode;
import dev.berth.model.OciException;
import dev.berth.model.RegistryException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/** Calls a registry and turns its failures into the UI's errors: 404 for what does not exist, 502 for the rest. */
final class Upstream {
    private Upstream() {
    }

    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    static ApiException translate(String what, RuntimeException e) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof NoSuchElementException) {
            return ApiException.notFound(e.getMessage());
        }
        if (e instanceof RegistryException r) {
            if (r.status() == 404 || r.hasCode(ErrorCode.MANIFEST_UNKNOWN) || r.hasCode(ErrorCode.NAME_UNKNOWN)) {
                return ApiException.notFound(what + ": not found (" + e.getMessage() + ")");
            }
            return ApiException.upstream(what + ": the registry answered " + e.getMessage());
        }
        if (e instanceof OciException || e instanceof UncheckedIOException || e instanceof IllegalStateException
                || e instanceof IllegalArgumentException) {
            return ApiException.upstream(what + ": " + e.getMessage());
        }
        throw e;
    }
}

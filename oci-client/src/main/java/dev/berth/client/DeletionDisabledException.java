package dev.berth.client;

import dev.berth.model.RegistryError;
import dev.berth.model.RegistryException;
import java.util.List;

/**
 * The registry refused a delete because deleting is switched off there
 * (HTTP 405, or the {@code UNSUPPORTED} error code), as distribution does
 * unless {@code storage.delete.enabled} is set.
 */
public class DeletionDisabledException extends RegistryException {

    /**
     * @param operation what was attempted
     * @param status    the HTTP status
     * @param errors    the registry's errors
     */
    public DeletionDisabledException(String operation, int status, List<RegistryError> errors) {
        super(operation + ": deletion is disabled on this registry", status, errors);
    }
}

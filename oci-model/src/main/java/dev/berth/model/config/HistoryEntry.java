package dev.berth.model.config;

import java.time.Instant;
import java.util.Optional;

/**
 * One step of an image's build history.
 *
 * @param created    when the step ran
 * @param createdBy  the command, e.g. {@code /bin/sh -c #(nop) CMD ["sh"]}
 * @param author     who ran it
 * @param comment    a free comment
 * @param emptyLayer whether the step produced no layer (ENV, CMD, ...)
 */
public record HistoryEntry(Optional<Instant> created, Optional<String> createdBy, Optional<String> author,
                           Optional<String> comment, boolean emptyLayer) {
}

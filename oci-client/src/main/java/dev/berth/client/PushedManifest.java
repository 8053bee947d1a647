package dev.berth.client;

import dev.berth.model.Digest;
import java.util.Optional;

/**
 * What a registry answered to a manifest push.
 *
 * @param digest  the manifest's digest
 * @param subject the {@code OCI-Subject} the registry returned: present when it indexed the referrer itself;
 *                absent when it did not, in which case the client kept the tag-schema fallback index up to date
 */
public record PushedManifest(Digest digest, Optional<Digest> subject) {
}

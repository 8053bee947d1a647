package dev.berth.client.tags;

import dev.berth.model.Digest;
import java.time.Instant;
import java.util.Optional;

/**
 * One tag, with what was fetched about it.
 *
 * @param name      the tag
 * @param digest    the manifest it points to, when details were fetched
 * @param mediaType the manifest's media type, when details were fetched
 * @param created   when the image was built, when details were fetched and it says
 */
public record TagInfo(String name, Optional<Digest> digest, Optional<String> mediaType, Optional<Instant> created) {

    /**
     * @param name the tag
     * @return a tag without details
     */
    public static TagInfo of(String name) {
        return new TagInfo(name, Optional.empty(), Optional.empty(), Optional.empty());
    }
}

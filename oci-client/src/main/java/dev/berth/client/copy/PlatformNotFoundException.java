package dev.berth.client.copy;

import dev.berth.model.OciException;
import dev.berth.model.Platform;
import java.util.List;

/** An image has no entry for a platform that was asked for. */
public class PlatformNotFoundException extends OciException {
    /** The platform that was asked for. */
    private final Platform wanted;
    /** The platforms the index offers. */
    private final List<Platform> available;

    /**
     * @param image     the image, for the message
     * @param wanted    the platform asked for
     * @param available the platforms the image has
     */
    public PlatformNotFoundException(String image, Platform wanted, List<Platform> available) {
        super(image + " has no image for " + wanted + "; it has " + available);
        this.wanted = wanted;
        this.available = List.copyOf(available);
    }

    /** @return the platform asked for */
    public Platform wanted() {
        return wanted;
    }

    /** @return the platforms the image has */
    public List<Platform> available() {
        return available;
    }
}

package dev.berth.client.layout;

import dev.berth.model.OciException;
import java.nio.file.Path;
import java.util.List;

/** An OCI image layout has no manifest under the tag (or digest) asked for. */
public class UnknownTagException extends OciException {
    /** The tag or reference the layout does not hold. */
    private final String reference;

    /**
     * @param layout    the layout's directory
     * @param reference the tag or digest asked for
     * @param tags      the tags the layout has, for the message
     */
    public UnknownTagException(Path layout, String reference, List<String> tags) {
        this("OCI image layout " + layout, reference, tags);
    }

    /**
     * @param holder    what was asked, e.g. {@code oci-archive:/tmp/app.tar}
     * @param reference the tag or digest asked for
     * @param tags      the tags it has, for the message
     */
    public UnknownTagException(String holder, String reference, List<String> tags) {
        super(holder + " has no manifest \"" + reference + "\"; its tags are " + tags);
        this.reference = reference;
    }

    /** @return the tag or digest asked for */
    public String reference() {
        return reference;
    }
}

package dev.berth.client.copy;

import dev.berth.model.MalformedContentException;
import java.nio.file.Path;

/**
 * A tar archive (an OCI image-layout archive or a {@code docker save} archive) cannot be read safely: a
 * header is damaged, an entry is cut short or declares more bytes than the archive holds, a name is absolute
 * or climbs out with {@code ..}, a link points outside the archive, or an entry the format needs is missing
 * or invalid. Nothing is ever extracted from an archive, so a hostile one cannot write anywhere.
 */
public class MalformedArchiveException extends MalformedContentException {
    /** The archive's file. */
    private final Path archive;
    /** The entry at fault, or empty. */
    private final String entry;

    /**
     * @param archive the archive's file
     * @param entry   the entry at fault (its name, or where its header is), or empty for the whole archive
     * @param reason  what is wrong with it
     */
    public MalformedArchiveException(Path archive, String entry, String reason) {
        super("tar archive " + archive, entry, reason);
        this.archive = archive;
        this.entry = entry;
    }

    /** @return the archive's file */
    public Path archive() {
        return archive;
    }

    /** @return the entry at fault, or empty for the whole archive */
    public String entry() {
        return entry;
    }
}

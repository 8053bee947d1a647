package dev.berth.server.storage.s3.internal;

import dev.berth.model.Digest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The store's key layout under its prefix: {@code blobs/<algorithm>/<first two hex>/<hex>} for each blob (the
 * two-character level keeps listings of one level short, as distribution's layout does), and
 * {@code uploads/<id>/} for each upload session: its {@code state}, its staged tail {@code staged-<attempt>} and
 * the {@code assembled} object its multipart upload completes to before it is verified.
 */
public final class ObjectKeys {
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private final String prefix;

    /** @param prefix the store's prefix, {@code ""} or ending in {@code /} */
    public ObjectKeys(String prefix) {
        this.prefix = prefix;
    }

    /** @return the prefix every blob key starts with */
    public String blobs() {
        return prefix + "blobs/";
    }

    /**
     * @param digest a blob
     * @return its key
     */
    public String blob(Digest digest) {
        String hex = digest.encoded();
        return blobs() + digest.algorithm() + "/" + hex.substring(0, 2) + "/" + hex;
    }

    /**
     * @param key a key listed under {@link #blobs()}
     * @return the blob's digest, if the key is a blob's
     */
    public Optional<Digest> digestOf(String key) {
        if (!key.startsWith(blobs())) {
            return Optional.empty();
        }
        String[] parts = key.substring(blobs().length()).split("/", -1);
        if (parts.length != 3 || parts[2].length() < 2 || !parts[2].startsWith(parts[1])) {
            return Optional.empty();
        }
        return Digest.tryParse(parts[0] + ":" + parts[2]);
    }

    /** @return the prefix every upload session's keys start with */
    public String uploads() {
        return prefix + "uploads/";
    }

    /**
     * @param id an upload id as a client sent it
     * @return whether it has the form of the ids this store makes (anything else is no session, never a key)
     */
    public static boolean isUploadId(String id) {
        return id != null && UPLOAD_ID.matcher(id).matches();
    }

    /**
     * @param id an upload session
     * @return the prefix of all its keys
     */
    public String upload(String id) {
        return uploads() + id + "/";
    }

    /**
     * @param key a key listed under {@link #uploads()}
     * @return the id of the session it belongs to, if it is a session's key
     */
    public Optional<String> uploadIdOf(String key) {
        if (!key.startsWith(uploads())) {
            return Optional.empty();
        }
        String rest = key.substring(uploads().length());
        int slash = rest.indexOf('/');
        return slash > 0 ? Optional.of(rest.substring(0, slash)) : Optional.empty();
    }

    /**
     * @param id an upload session
     * @return the key of its state
     */
    public String state(String id) {
        return upload(id) + "state";
    }

    /**
     * @param id      an upload session
     * @param attempt the append that wrote it
     * @return the key of a staged tail; unique per append, so a concurrent append never overwrites another's
     */
    public String staged(String id, String attempt) {
        return upload(id) + "staged-" + attempt;
    }

    /**
     * @param id an upload session
     * @return the key its multipart upload completes to, before the bytes are verified and copied to their digest
     */
    public String assembled(String id) {
        return upload(id) + "assembled";
    }
}

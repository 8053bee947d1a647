package dev.berth.client.copy;

import dev.berth.model.Platform;
import java.util.List;
import java.util.Objects;

/**
 * Which platforms of a multi-platform image to copy.
 *
 * <ul>
 *   <li>{@link #all()}: the index and every entry, byte-identical;</li>
 *   <li>{@link #of(List)}: a new index holding only the entries that best match these platforms
 *       (the original bytes if that is every entry);</li>
 *   <li>{@link #image(Platform)}: no index at all, only the image for one platform, as
 *       {@code docker pull --platform} fetches it;</li>
 *   <li>{@link #preferring(Platform)}: the same from an index, but a single image whatever its
 *       platform, as {@code docker pull} without {@code --platform} does.</li>
 * </ul>
 *
 * A single image (not an index) is copied whole whatever the selection, once its
 * configuration's platform is checked against the selection (unless it only says which it prefers).
 *
 * @param platforms      the platforms asked for; empty for all
 * @param unwrap         whether to copy the one matching image instead of an index
 * @param checkPlatforms whether a single image must be of a selected platform
 */
public record PlatformSelection(List<Platform> platforms, boolean unwrap, boolean checkPlatforms) {
    private static final PlatformSelection ALL = new PlatformSelection(List.of(), false, false);

    /**
     * Checks the combination.
     *
     * @param platforms the platforms asked for; empty for all
     * @param unwrap whether to copy the one matching image instead of an index
     * @param checkPlatforms whether a single image must be of a selected platform
     */
    public PlatformSelection {
        platforms = List.copyOf(platforms);
        if (unwrap && platforms.size() != 1) {
            throw new IllegalArgumentException("exactly one platform is needed to copy a single image");
        }
    }

    /** @return every platform */
    public static PlatformSelection all() {
        return ALL;
    }

    /**
     * @param platforms the platforms to keep, at least one
     * @return these platforms, in a new index
     */
    public static PlatformSelection of(List<Platform> platforms) {
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("name at least one platform, or select all()");
        }
        return new PlatformSelection(platforms, false, true);
    }

    /**
     * @param platforms the platforms to keep, at least one
     * @return these platforms, in a new index
     */
    public static PlatformSelection of(Platform... platforms) {
        return of(List.of(platforms));
    }

    /**
     * @param platform the platform wanted
     * @return only the image for {@code platform}, without an index
     */
    public static PlatformSelection image(Platform platform) {
        return new PlatformSelection(List.of(Objects.requireNonNull(platform)), true, true);
    }

    /**
     * @param platform the platform wanted
     * @return the image for {@code platform} from an index, without the index; a single image as it is
     */
    public static PlatformSelection preferring(Platform platform) {
        return new PlatformSelection(List.of(Objects.requireNonNull(platform)), true, false);
    }

    /** @return whether every platform is selected */
    public boolean isAll() {
        return platforms.isEmpty();
    }

    @Override
    public String toString() {
        return isAll() ? "all platforms" : (unwrap ? "the image for " : "") + platforms;
    }
}

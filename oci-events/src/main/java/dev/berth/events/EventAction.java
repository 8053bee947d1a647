package dev.berth.events;

import dev.berth.model.InvalidArgumentException;
import java.util.Locale;
import java.util.Objects;

/**
 * What happened: {@link #PUSH}, {@link #PULL}, {@link #DELETE}, {@link #MOUNT},
 * or any other action a registry reports, kept by its lower-case name.
 *
 * @param name the action's name, lower case, e.g. {@code push}
 */
public record EventAction(String name) {
    /** Content was pushed. */
    public static final EventAction PUSH = new EventAction("push");
    /** Content was pulled. */
    public static final EventAction PULL = new EventAction("pull");
    /** Content was deleted. */
    public static final EventAction DELETE = new EventAction("delete");
    /** A blob was mounted from another repository. */
    public static final EventAction MOUNT = new EventAction("mount");

    /**
     * Normalises the name to lower case.
     *
     * @param name the action's name, lower case, e.g. {@code push}
     * @throws InvalidArgumentException if {@code name} is null or blank
     */
    public EventAction {
        InvalidArgumentException.requireNonBlank(name, "name");
        name = name.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name the action's name, such as {@code push}, in any case
     * @return the action of this name
     * @throws InvalidArgumentException if {@code name} is null or blank
     */
    public static EventAction of(String name) {
        return new EventAction(name);
    }

    /** @return whether this is one of push, pull, delete and mount */
    public boolean isKnown() {
        return equals(PUSH) || equals(PULL) || equals(DELETE) || equals(MOUNT);
    }

    @Override
    public String toString() {
        return name;
    }
}

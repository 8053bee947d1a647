package dev.berth.events;

import dev.berth.model.InvalidArgumentException;
import dev.berth.model.MediaType;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Which events to keep. By default pulls are ignored: a dashboard tracks what
 * changes, and pulls outnumber everything else by far.
 *
 * <pre>{@code
 * EventFilter keepManifests = EventFilter.defaults()
 *         .ignoringMediaTypes(Set.of("application/octet-stream")) // distribution's blob events
 *         .onlyRepositories("team/.*");
 * }</pre>
 */
public final class EventFilter implements Predicate<RegistryEvent> {
    private static final EventFilter ALL = new EventFilter(Set.of(), Set.of(), null);

    private final Set<EventAction> ignoredActions;
    private final Set<String> ignoredMediaTypes;
    private final Pattern repositoryPattern; // null: every repository

    private EventFilter(Set<EventAction> ignoredActions, Set<String> ignoredMediaTypes, Pattern repositoryPattern) {
        this.ignoredActions = Set.copyOf(ignoredActions);
        this.ignoredMediaTypes = ignoredMediaTypes.stream().map(MediaType::normalize).collect(Collectors.toUnmodifiableSet());
        this.repositoryPattern = repositoryPattern;
    }

    /** @return a filter that keeps everything */
    public static EventFilter all() {
        return ALL;
    }

    /** @return the default filter: everything but pulls */
    public static EventFilter defaults() {
        return ALL.ignoringActions(Set.of(EventAction.PULL));
    }

    /**
     * @param actions the actions to drop, such as {@link EventAction#PULL}
     * @return a copy that also drops these actions
     * @throws InvalidArgumentException if {@code actions} is null or holds a null
     */
    public EventFilter ignoringActions(Set<EventAction> actions) {
        requireNoNull(actions, "actions");
        Set<EventAction> all = new java.util.HashSet<>(ignoredActions);
        all.addAll(actions);
        return new EventFilter(all, ignoredMediaTypes, repositoryPattern);
    }

    /** @return a copy that keeps pulls */
    public EventFilter includingPulls() {
        Set<EventAction> all = new java.util.HashSet<>(ignoredActions);
        all.remove(EventAction.PULL);
        return new EventFilter(all, ignoredMediaTypes, repositoryPattern);
    }

    /**
     * @param mediaTypes the media types to drop, such as {@code application/octet-stream} for layers
     * @return a copy that also drops events about content of these media types
     * @throws InvalidArgumentException if {@code mediaTypes} is null or holds a null
     */
    public EventFilter ignoringMediaTypes(Set<String> mediaTypes) {
        requireNoNull(mediaTypes, "mediaTypes");
        Set<String> all = new java.util.HashSet<>(ignoredMediaTypes);
        all.addAll(mediaTypes);
        return new EventFilter(ignoredActions, all, repositoryPattern);
    }

    /**
     * @param regex a regular expression the whole repository name must match
     * @return a copy that keeps only repositories matching the regular expression
     * @throws InvalidArgumentException if {@code regex} is null, blank or not a regular expression
     */
    public EventFilter onlyRepositories(String regex) {
        try {
            return new EventFilter(ignoredActions, ignoredMediaTypes,
                    Pattern.compile(InvalidArgumentException.requireNonBlank(regex, "regex")));
        } catch (PatternSyntaxException e) {
            throw new InvalidArgumentException("regex", "is not a regular expression: " + e.getDescription());
        }
    }

    /** @return the actions dropped */
    public Set<EventAction> ignoredActions() {
        return ignoredActions;
    }

    /** @return the target media types dropped (normalised: parameters left out) */
    public Set<String> ignoredMediaTypes() {
        return ignoredMediaTypes;
    }

    /** @return the whole-name regular expression a repository must match to be kept, if restricted */
    public Optional<Pattern> repositoryPattern() {
        return Optional.ofNullable(repositoryPattern);
    }

    /** @return whether the event is kept */
    @Override
    public boolean test(RegistryEvent event) {
        InvalidArgumentException.requireNonNull(event, "event");
        return !ignoredActions.contains(event.action())
                && !event.target().mediaType().map(m -> ignoredMediaTypes.contains(MediaType.normalize(m))).orElse(false)
                && (repositoryPattern == null || repositoryPattern.matcher(event.target().repository()).matches());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventFilter f && ignoredActions.equals(f.ignoredActions)
                && ignoredMediaTypes.equals(f.ignoredMediaTypes) && Objects.equals(pattern(), f.pattern());
    }

    @Override
    public int hashCode() {
        return Objects.hash(ignoredActions, ignoredMediaTypes, pattern());
    }

    @Override
    public String toString() {
        return "EventFilter[ignoredActions=" + ignoredActions + ", ignoredMediaTypes=" + ignoredMediaTypes
                + ", repositoryPattern=" + pattern() + "]";
    }

    private String pattern() {
        return repositoryPattern == null ? null : repositoryPattern.pattern();
    }

    private static void requireNoNull(Set<?> values, String name) {
        if (InvalidArgumentException.requireNonNull(values, name).stream().anyMatch(Objects::isNull)) {
            throw new InvalidArgumentException(name, "must not hold null");
        }
    }
}

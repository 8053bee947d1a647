package dev.berth.events;

import dev.berth.model.MediaType;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
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
 *
 * @param ignoredActions     actions to drop
 * @param ignoredMediaTypes  target media types to drop (parameters ignored)
 * @param repositoryPattern  repositories to keep (whole-name regular expression), or null for all
 */
public record EventFilter(Set<EventAction> ignoredActions, Set<String> ignoredMediaTypes, Pattern repositoryPattern)
        implements Predicate<RegistryEvent> {

    /**
     * Copies the sets, normalising actions and media types.
     *
     * @param ignoredActions actions to drop
     * @param ignoredMediaTypes target media types to drop (parameters ignored)
     * @param repositoryPattern repositories to keep (whole-name regular expression), or null for all
     */
    public EventFilter {
        ignoredActions = Set.copyOf(ignoredActions);
        ignoredMediaTypes = ignoredMediaTypes.stream().map(MediaType::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /** @return a filter that keeps everything */
    public static EventFilter all() {
        return new EventFilter(Set.of(), Set.of(), null);
    }

    /** @return the default filter: everything but pulls */
    public static EventFilter defaults() {
        return new EventFilter(Set.of(EventAction.PULL), Set.of(), null);
    }

    /**
     * @param actions the actions to drop, such as {@link EventAction#PULL}
     * @return a copy that also drops these actions
     */
    public EventFilter ignoringActions(Set<EventAction> actions) {
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
     */
    public EventFilter ignoringMediaTypes(Set<String> mediaTypes) {
        Set<String> all = new java.util.HashSet<>(ignoredMediaTypes);
        all.addAll(mediaTypes);
        return new EventFilter(ignoredActions, all, repositoryPattern);
    }

    /**
     * @param regex a regular expression the whole repository name must match
     * @return a copy that keeps only repositories matching the regular expression
     */
    public EventFilter onlyRepositories(String regex) {
        return new EventFilter(ignoredActions, ignoredMediaTypes, Pattern.compile(regex));
    }

    /** @return whether the event is kept */
    @Override
    public boolean test(RegistryEvent event) {
        return !ignoredActions.contains(event.action())
                && !event.target().mediaType().map(m -> ignoredMediaTypes.contains(MediaType.normalize(m))).orElse(false)
                && (repositoryPattern == null || repositoryPattern.matcher(event.target().repository()).matches());
    }
}

package dev.berth.events.store;

import dev.berth.events.EventAction;
import dev.berth.model.Digest;
import java.time.Instant;

/**
 * Which stored events to return, newest first. Every criterion is optional
 * (null means any); criteria combine with AND.
 *
 * <pre>{@code
 * EventQuery pushes = EventQuery.all().repository("team/app").action(EventAction.PUSH).limit(20);
 * Page<RegistryEvent> page = store.query(pushes);
 * Page<RegistryEvent> next = store.query(pushes.after(page.next().orElseThrow()));
 * }</pre>
 *
 * @param repository exact repository name
 * @param tag        exact tag
 * @param digest     exact target digest
 * @param action     the action, such as {@link EventAction#PUSH}
 * @param actor      exact actor name
 * @param from       earliest timestamp, inclusive
 * @param until      latest timestamp, exclusive
 * @param limit      page size, 1 to {@value #MAX_LIMIT}
 * @param cursor     where the previous page ended, from the {@link dev.berth.model.Page#next()} of the previous page
 */
public record EventQuery(String repository, String tag, Digest digest, EventAction action, String actor,
                         Instant from, Instant until, int limit, String cursor) {
    /** The default page size. */
    public static final int DEFAULT_LIMIT = 50;
    /** The largest page size. */
    public static final int MAX_LIMIT = 1000;

    /**
     * Checks the page size.
     *
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @param tag the tag, such as {@code latest}
     * @param digest exact target digest
     * @param action the action, such as {@link EventAction#PUSH}
     * @param actor exact actor name
     * @param from earliest timestamp, inclusive
     * @param until latest timestamp, exclusive
     * @param limit page size, 1 to {@value #MAX_LIMIT}
     * @param cursor where the previous page ended, from the {@link dev.berth.model.Page#next()} of the previous page
     */
    public EventQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("page size must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** @return a query for every event, first page of {@value #DEFAULT_LIMIT} */
    public static EventQuery all() {
        return new EventQuery(null, null, null, null, null, null, null, DEFAULT_LIMIT, null);
    }

    /**
     * @param value the repository's name, such as {@code team/app}
     * @return a copy restricted to one repository
     */
    public EventQuery repository(String value) {
        return new EventQuery(value, tag, digest, action, actor, from, until, limit, cursor);
    }

    /**
     * @param value the tag
     * @return a copy restricted to one tag
     */
    public EventQuery tag(String value) {
        return new EventQuery(repository, value, digest, action, actor, from, until, limit, cursor);
    }

    /**
     * @param value the target's digest
     * @return a copy restricted to one digest
     */
    public EventQuery digest(Digest value) {
        return new EventQuery(repository, tag, value, action, actor, from, until, limit, cursor);
    }

    /**
     * @param value the action, such as {@link EventAction#PUSH}
     * @return a copy restricted to one action
     */
    public EventQuery action(EventAction value) {
        return new EventQuery(repository, tag, digest, value, actor, from, until, limit, cursor);
    }

    /**
     * @param value the actor's name, as the registry reported it
     * @return a copy restricted to one actor
     */
    public EventQuery actor(String value) {
        return new EventQuery(repository, tag, digest, action, value, from, until, limit, cursor);
    }

    /**
     * @param untilExclusive the timestamp before which events are kept, or null for no upper bound
     * @param fromInclusive the earliest timestamp kept, or null for no lower bound
     * @return a copy restricted to {@code [from, until)}; either may be null
     */
    public EventQuery between(Instant fromInclusive, Instant untilExclusive) {
        return new EventQuery(repository, tag, digest, action, actor, fromInclusive, untilExclusive, limit, cursor);
    }

    /**
     * @param value the page size, 1 to {@value #MAX_LIMIT}
     * @return a copy with another page size
     */
    public EventQuery limit(int value) {
        return new EventQuery(repository, tag, digest, action, actor, from, until, value, cursor);
    }

    /**
     * @param value the {@link dev.berth.model.Page#next()} of the previous page
     * @return a copy for the page after the given cursor
     */
    public EventQuery after(String value) {
        return new EventQuery(repository, tag, digest, action, actor, from, until, limit, value);
    }
}

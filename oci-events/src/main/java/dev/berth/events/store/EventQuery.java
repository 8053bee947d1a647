package dev.berth.events.store;

import dev.berth.events.EventAction;
import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which stored events to return, newest first, and how many at a time. Starts from {@link #all()}; each
 * criterion narrows a copy, and criteria combine with AND. A criterion not set reads back as an empty
 * {@link Optional} and matches every event.
 *
 * <pre>{@code
 * EventQuery pushes = EventQuery.all().repository("team/app").action(EventAction.PUSH).limit(20);
 * Page<RegistryEvent> page = store.query(pushes);
 * Page<RegistryEvent> next = store.query(pushes.after(page.next().orElseThrow()));
 * }</pre>
 */
public final class EventQuery {
    /** The default page size. */
    public static final int DEFAULT_LIMIT = 50;
    /** The largest page size. */
    public static final int MAX_LIMIT = 1000;

    private static final EventQuery ALL = new EventQuery(null, null, null, null, null, null, null, null, DEFAULT_LIMIT, null);

    private final String registry;
    private final String repository;
    private final String tag;
    private final Digest digest;
    private final EventAction action;
    private final String actor;
    private final Instant from;
    private final Instant until;
    private final int limit;
    private final String cursor;

    private EventQuery(String registry, String repository, String tag, Digest digest, EventAction action, String actor, Instant from,
                       Instant until, int limit, String cursor) {
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
        this.action = action;
        this.actor = actor;
        this.from = from;
        this.until = until;
        this.limit = limit;
        this.cursor = cursor;
    }

    /** @return a query for every event, first page of {@value #DEFAULT_LIMIT} */
    public static EventQuery all() {
        return ALL;
    }

    /** @return the registry name the events were appended under, if the query selects one */
    public Optional<String> registry() {
        return Optional.ofNullable(registry);
    }

    /**
     * @param registry the name the events were appended under with {@link EventStore#append(String, java.util.List)}
     * @return this query, selecting only that registry's events
     * @throws InvalidArgumentException if {@code registry} is null, or blank but not empty (the empty name
     *                                  selects the events appended without a registry)
     */
    public EventQuery registry(String registry) {
        EventStores.requireRegistryName(registry);
        return new EventQuery(registry, repository, tag, digest,
                action, actor, from, until, limit, cursor);
    }

    /** @return the exact repository name events must have, if restricted */
    public Optional<String> repository() {
        return Optional.ofNullable(repository);
    }

    /** @return the exact tag events must have, if restricted */
    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    /** @return the exact target digest events must have, if restricted */
    public Optional<Digest> digest() {
        return Optional.ofNullable(digest);
    }

    /** @return the action events must have, if restricted */
    public Optional<EventAction> action() {
        return Optional.ofNullable(action);
    }

    /** @return the exact actor name events must have, if restricted */
    public Optional<String> actor() {
        return Optional.ofNullable(actor);
    }

    /** @return the earliest timestamp kept (inclusive), if restricted */
    public Optional<Instant> from() {
        return Optional.ofNullable(from);
    }

    /** @return the timestamp before which events are kept (exclusive), if restricted */
    public Optional<Instant> until() {
        return Optional.ofNullable(until);
    }

    /** @return the page size, 1 to {@value #MAX_LIMIT} */
    public int limit() {
        return limit;
    }

    /** @return where the previous page ended, for a page after the first */
    public Optional<String> cursor() {
        return Optional.ofNullable(cursor);
    }

    /**
     * @param repository the repository's name, such as {@code team/app}
     * @return a copy restricted to one repository
     * @throws InvalidArgumentException if {@code repository} is null or blank
     */
    public EventQuery repository(String repository) {
        return new EventQuery(registry, InvalidArgumentException.requireNonBlank(repository, "repository"), tag, digest, action,
                actor, from, until, limit, cursor);
    }

    /**
     * @param tag the tag
     * @return a copy restricted to one tag
     * @throws InvalidArgumentException if {@code tag} is null or blank
     */
    public EventQuery tag(String tag) {
        return new EventQuery(registry, repository, InvalidArgumentException.requireNonBlank(tag, "tag"), digest, action, actor,
                from, until, limit, cursor);
    }

    /**
     * @param digest the target's digest
     * @return a copy restricted to one digest
     * @throws InvalidArgumentException if {@code digest} is null
     */
    public EventQuery digest(Digest digest) {
        return new EventQuery(registry, repository, tag, InvalidArgumentException.requireNonNull(digest, "digest"), action, actor,
                from, until, limit, cursor);
    }

    /**
     * @param action the action, such as {@link EventAction#PUSH}
     * @return a copy restricted to one action
     * @throws InvalidArgumentException if {@code action} is null
     */
    public EventQuery action(EventAction action) {
        return new EventQuery(registry, repository, tag, digest, InvalidArgumentException.requireNonNull(action, "action"), actor,
                from, until, limit, cursor);
    }

    /**
     * @param actor the actor's name, as the registry reported it
     * @return a copy restricted to one actor
     * @throws InvalidArgumentException if {@code actor} is null or blank
     */
    public EventQuery actor(String actor) {
        return new EventQuery(registry, repository, tag, digest, action, InvalidArgumentException.requireNonBlank(actor, "actor"),
                from, until, limit, cursor);
    }

    /**
     * @param from the earliest timestamp kept, inclusive
     * @return a copy restricted to events at or after {@code from}
     * @throws InvalidArgumentException if {@code from} is null
     */
    public EventQuery from(Instant from) {
        return new EventQuery(registry, repository, tag, digest, action, actor, InvalidArgumentException.requireNonNull(from, "from"),
                until, limit, cursor);
    }

    /**
     * @param until the timestamp before which events are kept, exclusive
     * @return a copy restricted to events before {@code until}
     * @throws InvalidArgumentException if {@code until} is null
     */
    public EventQuery until(Instant until) {
        return new EventQuery(registry, repository, tag, digest, action, actor, from,
                InvalidArgumentException.requireNonNull(until, "until"), limit, cursor);
    }

    /**
     * @param fromInclusive  the earliest timestamp kept
     * @param untilExclusive the timestamp before which events are kept
     * @return a copy restricted to {@code [fromInclusive, untilExclusive)}
     * @throws InvalidArgumentException if either is null
     */
    public EventQuery between(Instant fromInclusive, Instant untilExclusive) {
        return new EventQuery(registry, repository, tag, digest, action, actor,
                InvalidArgumentException.requireNonNull(fromInclusive, "fromInclusive"),
                InvalidArgumentException.requireNonNull(untilExclusive, "untilExclusive"), limit, cursor);
    }

    /**
     * @param limit the page size, 1 to {@value #MAX_LIMIT}
     * @return a copy with another page size
     * @throws InvalidArgumentException if {@code limit} is out of that range
     */
    public EventQuery limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidArgumentException("limit", "must be a page size between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        return new EventQuery(registry, repository, tag, digest, action, actor, from, until, limit, cursor);
    }

    /**
     * @param cursor the {@link dev.berth.model.Page#next()} of the previous page
     * @return a copy for the page after the given cursor
     * @throws InvalidArgumentException if {@code cursor} is null or blank
     */
    public EventQuery after(String cursor) {
        return new EventQuery(registry, repository, tag, digest, action, actor, from, until, limit,
                InvalidArgumentException.requireNonBlank(cursor, "cursor"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventQuery q && Objects.equals(registry, q.registry) && Objects.equals(repository, q.repository) && Objects.equals(tag, q.tag)
                && Objects.equals(digest, q.digest) && Objects.equals(action, q.action) && Objects.equals(actor, q.actor)
                && Objects.equals(from, q.from) && Objects.equals(until, q.until) && limit == q.limit
                && Objects.equals(cursor, q.cursor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registry, repository, tag, digest, action, actor, from, until, limit, cursor);
    }

    @Override
    public String toString() {
        return "EventQuery[registry=" + registry + ", repository=" + repository + ", tag=" + tag + ", digest=" + digest + ", action=" + action
                + ", actor=" + actor + ", from=" + from + ", until=" + until + ", limit=" + limit + ", cursor=" + cursor + "]";
    }
}

package dev.berth.events.store;

import dev.berth.events.RegistryEvent;
import dev.berth.model.Page;
import java.util.List;

/**
 * Where received events are kept. Implementations must guarantee:
 * <ul>
 *   <li>{@link #append} is idempotent by event id: an event already stored is
 *       skipped, so a redelivered webhook is stored once;</li>
 *   <li>{@link #append} is atomic: either every new event of the call is
 *       stored, or none is and an {@link EventStoreException} is thrown;</li>
 *   <li>queries return events newest first, ordered by timestamp at microsecond
 *       precision and then by id, both descending; following
 *       {@link Page#next()} visits every matching event exactly once
 *       (events appended meanwhile may or may not appear);</li>
 *   <li>all methods are safe to call from several threads.</li>
 * </ul>
 *
 * <p>An application that receives the webhooks of several registries (a
 * registry browser) keeps each event under the name it gives the registry it
 * came from, with {@link #append(String, List)}; {@link EventQuery#registry}
 * selects them again and {@link #deleteRegistry} forgets them when the registry
 * is removed. Events appended without a registry are kept under the empty name.
 */
public interface EventStore extends AutoCloseable {

    /**
     * @param events events to keep
     * @return the events that were new, in the order given (the others were already stored)
     * @throws EventStoreException if nothing could be stored
     */
    List<RegistryEvent> append(List<RegistryEvent> events);

    /**
     * Keeps events under the name of the registry they came from, with the same guarantees as
     * {@link #append(List)}. An event id is unique in the whole store: an event already stored under
     * another registry is skipped too.
     *
     * @param registry the application's name for the registry that sent them; empty for none
     * @param events   events to keep
     * @return the events that were new, in the order given
     * @throws EventStoreException if nothing could be stored
     * @throws dev.berth.model.InvalidArgumentException if {@code registry} or {@code events} is null, or
     *         {@code registry} is blank but not empty
     */
    List<RegistryEvent> append(String registry, List<RegistryEvent> events);

    /**
     * @param query what to return
     * @return one page of the matching events, newest first; its {@link Page#next()} is the cursor that
     *         {@link EventQuery#after} takes for the page after it, empty on the last page
     * @throws EventStoreException if the cursor is not valid or the store fails
     */
    Page<RegistryEvent> query(EventQuery query);

    /**
     * @param query what to count; its limit and cursor are ignored
     * @return how many events match the query, in all its pages
     * @throws EventStoreException if the store fails
     */
    long count(EventQuery query);

    /**
     * Forgets a repository's history, e.g. when a dashboard removes a registry.
     *
     * @param repository exact repository name
     * @return how many events were deleted
     */
    int deleteRepository(String repository);

    /**
     * Forgets every event kept under a registry's name by {@link #append(String, List)}, e.g. when a
     * dashboard removes that registry. Events of other registries, even of the same repository, stay.
     *
     * @param registry the name the events were appended under; not blank
     * @return how many events were deleted
     * @throws EventStoreException if the store fails
     * @throws dev.berth.model.InvalidArgumentException if {@code registry} is null or blank
     */
    int deleteRegistry(String registry);

    /** Releases the store's resources. */
    @Override
    void close();
}

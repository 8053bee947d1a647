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
 */
public interface EventStore extends AutoCloseable {

    /**
     * @param events events to keep
     * @return the events that were new, in the order given (the others were already stored)
     * @throws EventStoreException if nothing could be stored
     */
    List<RegistryEvent> append(List<RegistryEvent> events);

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

    /** Releases the store's resources. */
    @Override
    void close();
}

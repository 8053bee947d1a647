package dev.berth.events.store;

class InMemoryEventStoreTest extends EventStoreContract {
    @Override
    EventStore newStore() {
        return new InMemoryEventStore();
    }
}

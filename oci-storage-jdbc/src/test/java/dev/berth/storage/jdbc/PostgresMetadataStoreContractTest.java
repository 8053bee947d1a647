package dev.berth.storage.jdbc;

import dev.berth.server.spi.MetadataStore;
import dev.berth.server.spi.testkit.MetadataStoreContract;

/** The storage SPI's contract, on PostgreSQL: a new database for each test, through a pool. */
class PostgresMetadataStoreContractTest extends MetadataStoreContract {
    @Override
    protected MetadataStore newStore() {
        return JdbcMetadataStore.open(Postgres.pooled(Postgres.newDatabase()));
    }
}

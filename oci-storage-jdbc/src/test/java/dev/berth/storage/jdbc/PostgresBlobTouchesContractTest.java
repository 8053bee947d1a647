package dev.berth.storage.jdbc;

import dev.berth.server.spi.BlobTouches;
import dev.berth.server.spi.testkit.BlobTouchesContract;

/** The blob touches' contract on PostgreSQL: two stores over one new database for each test, as two instances. */
class PostgresBlobTouchesContractTest extends BlobTouchesContract {
    private String url;

    @Override
    protected BlobTouches newTouches() {
        url = Postgres.newDatabase();
        return JdbcMetadataStore.open(Postgres.pooled(url)).blobTouches().orElseThrow();
    }

    @Override
    protected BlobTouches otherInstance() {
        return JdbcMetadataStore.open(Postgres.pooled(url)).blobTouches().orElseThrow();
    }
}

/**
 * A {@code MetadataStore} on PostgreSQL through plain JDBC
 * ({@link dev.berth.storage.jdbc.JdbcMetadataStore}): repositories, manifests, tags, blob links and referrers in
 * tables, the schema migrated on start, pushes in transactions, listings paginated by the database, so that
 * several stateless registry instances over one database are one registry; and leases
 * ({@link dev.berth.storage.jdbc.JdbcLease}) for jobs one instance at a time runs. The application brings the
 * JDBC driver and, if it wants one, a connection pool.
 */
module dev.berth.storage.jdbc {
    requires transitive dev.berth.server;
    requires transitive java.sql;
    requires org.slf4j;

    exports dev.berth.storage.jdbc;
}

/**
 * The storage SPI ({@link io.pocketid.core.store.Storage}) on JDBC for SQLite and PostgreSQL.
 *
 * <p>Entry points: {@link io.pocketid.storage.jdbc.ConnectionStrings#parse(String, String)} turns
 * Pocket ID's {@code DB_PROVIDER} / {@code DB_CONNECTION_STRING} into {@link
 * io.pocketid.storage.jdbc.JdbcSettings}; {@link
 * io.pocketid.storage.jdbc.JdbcStorage#open(JdbcSettings)} starts the pools and brings the schema
 * up to date.
 *
 * <p>Schema: one Liquibase changelog for both dialects ({@code db/changelog/db.changelog.xml});
 * table and column names follow Pocket ID v1.15 where the data is the same. Per dialect:
 *
 * <table>
 *   <caption>Column representations</caption>
 *   <tr><th>data</th><th>SQLite</th><th>PostgreSQL</th></tr>
 *   <tr><td>timestamps</td><td>INTEGER, milliseconds since the epoch (UTC)</td><td>timestamptz</td></tr>
 *   <tr><td>bytes</td><td>BLOB</td><td>bytea</td></tr>
 *   <tr><td>JSON (URL lists, transports, audit data, client credentials)</td><td>TEXT</td><td>jsonb</td></tr>
 *   <tr><td>booleans</td><td>BOOLEAN (0/1)</td><td>boolean</td></tr>
 *   <tr><td>ids</td><td>TEXT</td><td>text</td></tr>
 *   <tr><td>case-insensitive username</td><td colspan="2">unique index on {@code lower(username)}</td></tr>
 * </table>
 *
 * <p>Start-up: Liquibase runs only when the SHA-256 of the changelog differs from the one stored in
 * {@code pocketid_schema_checksum} after the last successful update; on PostgreSQL a first start of
 * several instances is serialized by an advisory lock and Liquibase's lock. Before that, a Pocket
 * ID v1.15 database is adopted in one transaction, and one that is neither ours nor Pocket ID's (or
 * of another Pocket ID version) is refused before anything is written ({@code internal.adopt}).
 * {@link io.pocketid.storage.jdbc.transfer.StateTransfer} reads and writes the whole state for
 * {@code pocket-id export} / {@code import}.
 *
 * <p>Concurrency: on SQLite, writes and transactions go one at a time through a single writer
 * connection ({@code BEGIN IMMEDIATE}, fair lock), reads use a pool of reader connections (WAL).
 * Inside a transaction on PostgreSQL, writes that may break a constraint run under a savepoint, so
 * a caught {@link io.pocketid.core.store.DuplicateKeyException} does not spoil the transaction.
 *
 * <p>What this package does not do: no business rules, no secrets in plain form (stores receive
 * hashes), no logging of values; in-memory SQLite is refused.
 */
package io.pocketid.storage.jdbc;

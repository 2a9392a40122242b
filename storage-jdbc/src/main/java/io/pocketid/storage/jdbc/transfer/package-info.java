/**
 * The whole state of a JDBC storage as plain tables and rows, for {@code pocket-id export} and
 * {@code pocket-id import}: read in one read-only transaction, written in one transaction (into an
 * empty database, or replacing everything when forced). Column types come from the schema's own
 * changelog, so SQLite and PostgreSQL give the same values. The file format lives in the server.
 */
package io.pocketid.storage.jdbc.transfer;

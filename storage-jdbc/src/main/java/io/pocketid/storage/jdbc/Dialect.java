package io.pocketid.storage.jdbc;

/** The SQL databases this module supports. */
public enum Dialect {
  SQLITE,
  POSTGRES
}

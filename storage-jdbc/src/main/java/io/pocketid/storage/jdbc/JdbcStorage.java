package io.pocketid.storage.jdbc;

import io.pocketid.core.store.Storage;

/** The storage SPI on JDBC (MyBatis over HikariCP, schema by Liquibase). */
public abstract class JdbcStorage implements Storage {
  /**
   * Opens the pool and brings the schema up to date (Liquibase runs only when the changelog changed
   * since the last successful update).
   *
   * @throws io.pocketid.core.store.StorageException when the database cannot be reached or migrated
   */
  public static JdbcStorage open(JdbcSettings settings) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}

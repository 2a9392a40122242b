package io.pocketid.storage.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A database for one test, reached through {@link JdbcStorage} ({@link #settings()}) and raw
 * ({@link #raw()}): a SQLite file, or a fresh PostgreSQL schema that {@link #close()} drops.
 */
abstract class TestDatabase implements AutoCloseable {
  abstract JdbcSettings settings();

  abstract Connection raw() throws SQLException;

  /** Table name as seen from {@link #raw()}. */
  abstract String table(String name);

  /** Counts the indexes of this database whose name is its one parameter. */
  abstract String countIndexesSql();

  @Override
  public void close() {}

  static TestDatabase sqlite(Path file) {
    JdbcSettings settings = ConnectionStrings.parse("sqlite", file.toString());
    return new TestDatabase() {
      @Override
      JdbcSettings settings() {
        return settings;
      }

      @Override
      Connection raw() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl());
      }

      @Override
      String table(String name) {
        return name;
      }

      @Override
      String countIndexesSql() {
        return "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?";
      }
    };
  }

  /** A new schema; skips the test (fails it in CI) when PostgreSQL is not reachable. */
  static TestDatabase postgres() {
    PostgresTestDatabase.assumeReachable();
    String schema = PostgresTestDatabase.createSchema();
    return new TestDatabase() {
      @Override
      JdbcSettings settings() {
        return PostgresTestDatabase.settings(schema);
      }

      @Override
      Connection raw() throws SQLException {
        return PostgresTestDatabase.admin();
      }

      @Override
      String table(String name) {
        return schema + "." + name;
      }

      @Override
      String countIndexesSql() {
        return "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = '"
            + schema
            + "' AND indexname = ?";
      }

      @Override
      public void close() {
        PostgresTestDatabase.dropSchema(schema);
      }
    };
  }
}

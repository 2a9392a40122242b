package io.pocketid.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pocketid.core.store.StorageException;

/** The pools: for SQLite one writer and several readers; for PostgreSQL one pool for both. */
record Pools(HikariDataSource writers, HikariDataSource readers) {
  static Pools open(JdbcSettings settings) {
    try {
      if (settings.dialect() == Dialect.SQLITE) {
        SqliteFiles.createParentDirectories(settings.jdbcUrl());
        HikariDataSource writer = pool(settings, "pocket-id-sqlite-writer", 1, true);
        try {
          return new Pools(
              writer, pool(settings, "pocket-id-sqlite-readers", settings.maxPoolSize(), true));
        } catch (RuntimeException e) {
          writer.close();
          throw e;
        }
      }
      // Auto-commit by default: a single read is one round trip; units of work turn it off.
      HikariDataSource pg = pool(settings, "pocket-id-postgres", settings.maxPoolSize(), true);
      return new Pools(pg, pg);
    } catch (RuntimeException e) {
      throw new StorageException(
          "cannot connect to the database "
              + describe(settings)
              + ": "
              + JdbcStorage.rootMessage(e, settings),
          e);
    }
  }

  private static HikariDataSource pool(
      JdbcSettings settings, String name, int size, boolean autoCommit) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(settings.jdbcUrl());
    if (settings.username() != null) {
      config.setUsername(settings.username());
    }
    if (settings.password() != null) {
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(Math.min(1, size));
    config.setAutoCommit(autoCommit);
    config.setConnectionTimeout(Math.max(250, settings.connectionTimeout().toMillis()));
    config.setInitializationFailTimeout(1);
    config.setDriverClassName(
        settings.dialect() == Dialect.SQLITE ? "org.sqlite.JDBC" : "org.postgresql.Driver");
    return new HikariDataSource(config);
  }

  void close() {
    if (readers != writers) {
      readers.close();
    }
    writers.close();
  }

  /** The database for messages: the SQLite path or the PostgreSQL host and database. */
  static String describe(JdbcSettings settings) {
    String url = settings.jdbcUrl();
    int q = url.indexOf('?');
    String base = q < 0 ? url : url.substring(0, q);
    if (settings.dialect() == Dialect.SQLITE) {
      return "SQLite file '" + base.substring("jdbc:sqlite:".length()) + "'";
    }
    return "PostgreSQL '"
        + base.substring("jdbc:postgresql:".length()).replaceFirst("^//", "")
        + "'"
        + (settings.username() == null ? "" : " as user '" + settings.username() + "'");
  }
}

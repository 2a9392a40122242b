package io.pocketid.storage.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the database. Built from Pocket ID's {@code DB_PROVIDER} / {@code
 * DB_CONNECTION_STRING} with {@link ConnectionStrings#parse(String, String)}.
 *
 * @param dialect SQLite or PostgreSQL
 * @param jdbcUrl JDBC URL without credentials
 * @param username nullable
 * @param password nullable; never logged, never in {@link #toString()}
 * @param maxPoolSize connections in the pool (SQLite: readers; writes are serialized)
 * @param connectionTimeout how long to wait for a connection
 */
public record JdbcSettings(
    Dialect dialect,
    String jdbcUrl,
    String username,
    String password,
    int maxPoolSize,
    Duration connectionTimeout) {
  public JdbcSettings {
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("maxPoolSize must be at least 1");
    }
  }

  @Override
  public String toString() {
    return "JdbcSettings[dialect="
        + dialect
        + ", jdbcUrl="
        + ConnectionStrings.redact(jdbcUrl)
        + ", username="
        + username
        + ", password="
        + (password == null ? "none" : "***")
        + "]";
  }
}

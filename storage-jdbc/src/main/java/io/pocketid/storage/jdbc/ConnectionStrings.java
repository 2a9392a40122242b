package io.pocketid.storage.jdbc;

/**
 * Parses Pocket ID's database connection strings: {@code
 * postgres://user:pass@host:5432/db?sslmode=…}, {@code postgresql://…}, SQLite {@code
 * file:path?_pragma=…} and plain SQLite paths.
 */
public final class ConnectionStrings {
  private ConnectionStrings() {}

  /**
   * @param provider {@code sqlite} or {@code postgres} (Pocket ID's DB_PROVIDER)
   * @param connectionString the connection string
   * @throws IllegalArgumentException with a message saying what is wrong, never containing the
   *     password
   */
  public static JdbcSettings parse(String provider, String connectionString) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}

package io.pocketid.storage.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses Pocket ID's database connection strings: {@code
 * postgres://user:pass@host:5432/db?sslmode=…}, {@code postgresql://…}, {@code jdbc:postgresql:…},
 * SQLite {@code file:path?_pragma=…} and plain SQLite paths.
 *
 * <p>SQLite connections always get {@code foreign_keys=true}; unless the connection string says
 * otherwise they get {@code journal_mode=WAL}, {@code synchronous=NORMAL} and {@code
 * busy_timeout=2500} (Pocket ID's defaults). Accepted pragmas: {@value #PRAGMA_LIST}. In-memory and
 * read-only SQLite databases are refused (the schema must be migrated and shared by a pool).
 *
 * <p>PostgreSQL URLs follow libpq: percent-encoded user and password, default port 5432, several
 * {@code host:port} pairs separated by commas. Query parameters are passed to the PostgreSQL JDBC
 * driver; libpq names it spells differently are translated ({@code connect_timeout}, {@code
 * application_name}, {@code search_path}), {@code pool_max_conns} sets the pool size.
 */
public final class ConnectionStrings {
  /** Default SQLite path, as in Pocket ID. */
  public static final String DEFAULT_SQLITE_PATH = "data/pocket-id.db";

  static final int DEFAULT_SQLITE_READERS = 4;
  static final int DEFAULT_POSTGRES_POOL = 10;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  static final String PRAGMA_LIST =
      "busy_timeout, journal_mode, synchronous, foreign_keys (on only), cache_size, temp_store,"
          + " mmap_size";

  private static final Pattern PASSWORD_IN_QUERY =
      Pattern.compile("(?i)(password=)[^&]*", Pattern.CASE_INSENSITIVE);

  private ConnectionStrings() {}

  /**
   * @param provider {@code sqlite} (also when null or empty) or {@code postgres} / {@code
   *     postgresql} (Pocket ID's DB_PROVIDER)
   * @param connectionString the connection string; for SQLite null or empty means {@value
   *     #DEFAULT_SQLITE_PATH}
   * @throws IllegalArgumentException with a message saying what is wrong, never containing the
   *     password
   */
  public static JdbcSettings parse(String provider, String connectionString) {
    String p = provider == null ? "" : provider.trim().toLowerCase(Locale.ROOT);
    switch (p) {
      case "", "sqlite", "sqlite3":
        return SqliteConnectionStrings.parse(
            connectionString == null || connectionString.isBlank()
                ? DEFAULT_SQLITE_PATH
                : connectionString.trim());
      case "postgres", "postgresql":
        if (connectionString == null || connectionString.isBlank()) {
          throw new IllegalArgumentException(
              "DB_CONNECTION_STRING is required when DB_PROVIDER is postgres"
                  + " (e.g. postgres://user:password@host:5432/pocketid)");
        }
        return PostgresConnectionStrings.parse(connectionString.trim());
      default:
        throw new IllegalArgumentException(
            "unknown DB_PROVIDER '" + provider + "': expected sqlite or postgres");
    }
  }

  /** The connection string with any password replaced by {@code ***}, for messages. */
  static String redact(String connectionString) {
    String s = connectionString;
    int scheme = s.indexOf("://");
    int at = s.lastIndexOf('@');
    if (scheme >= 0 && at > scheme) {
      int colon = s.indexOf(':', scheme + 3);
      if (colon >= 0 && colon < at) {
        s = s.substring(0, colon + 1) + "***" + s.substring(at);
      }
    }
    return PASSWORD_IN_QUERY.matcher(s).replaceAll("$1***");
  }

  /** Decodes a user name or password; the message never repeats the value. */
  static String decodeCredential(String raw, String what) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "PostgreSQL connection string: the " + what + " has a malformed %-escape");
    }
  }

  static String decode(String raw, String forMessage) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "connection string '" + redact(forMessage) + "' has a malformed %-escape");
    }
  }
}

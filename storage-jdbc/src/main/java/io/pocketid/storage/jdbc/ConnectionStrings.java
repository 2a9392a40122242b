package io.pocketid.storage.jdbc;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
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

  private static final Set<String> JOURNAL_MODES =
      Set.of("DELETE", "TRUNCATE", "PERSIST", "WAL", "OFF", "MEMORY");
  private static final Set<String> SYNCHRONOUS = Set.of("OFF", "NORMAL", "FULL", "EXTRA");
  private static final Set<String> TEMP_STORE = Set.of("DEFAULT", "FILE", "MEMORY");
  private static final Pattern PRAGMA = Pattern.compile("([A-Za-z_]+)\\((.*)\\)");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,10}");
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
        return sqlite(
            connectionString == null || connectionString.isBlank()
                ? DEFAULT_SQLITE_PATH
                : connectionString.trim());
      case "postgres", "postgresql":
        if (connectionString == null || connectionString.isBlank()) {
          throw new IllegalArgumentException(
              "DB_CONNECTION_STRING is required when DB_PROVIDER is postgres"
                  + " (e.g. postgres://user:password@host:5432/pocketid)");
        }
        return postgres(connectionString.trim());
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

  // ---------------------------------------------------------------- SQLite

  private static JdbcSettings sqlite(String cs) {
    String rest = cs;
    if (rest.startsWith("jdbc:sqlite:")) {
      rest = rest.substring("jdbc:sqlite:".length());
    } else if (rest.startsWith("sqlite://")) {
      rest = rest.substring("sqlite://".length());
    }
    String path = rest;
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      path = rest.substring(0, q);
      query = rest.substring(q + 1);
    }
    if (path.startsWith("file:")) {
      path = path.substring("file:".length());
      if (path.startsWith("///")) {
        path = path.substring(2);
      } else if (path.startsWith("//")) {
        throw new IllegalArgumentException(
            "SQLite connection string '"
                + redact(cs)
                + "': a file: URI with a host is not supported; use file:relative/path or"
                + " file:/absolute/path");
      }
      path = decode(path, cs);
    }
    if (path.isEmpty()) {
      throw new IllegalArgumentException(
          "SQLite connection string '" + redact(cs) + "' names no database file");
    }
    if (path.equals(":memory:") || path.startsWith(":memory:")) {
      throw new IllegalArgumentException(
          "in-memory SQLite (':memory:') is not supported: a connection pool needs a file;"
              + " use a file in a temporary directory, or the in-memory storage for tests");
    }
    Map<String, String> pragmas = new LinkedHashMap<>();
    pragmas.put("busy_timeout", "2500");
    pragmas.put("journal_mode", "WAL");
    pragmas.put("synchronous", "NORMAL");
    for (String param : query.split("&")) {
      if (!param.isEmpty()) {
        sqliteParam(param, pragmas, cs);
      }
    }
    pragmas.put("foreign_keys", "true");
    StringBuilder url = new StringBuilder("jdbc:sqlite:").append(path);
    char sep = '?';
    for (Map.Entry<String, String> e : pragmas.entrySet()) {
      url.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = '&';
    }
    return new JdbcSettings(
        Dialect.SQLITE, url.toString(), null, null, DEFAULT_SQLITE_READERS, DEFAULT_TIMEOUT);
  }

  private static void sqliteParam(String param, Map<String, String> pragmas, String cs) {
    int eq = param.indexOf('=');
    String name = decode(eq < 0 ? param : param.substring(0, eq), cs);
    String value = eq < 0 ? "" : decode(param.substring(eq + 1), cs);
    switch (name) {
      case "_pragma" -> {
        Matcher m = PRAGMA.matcher(value);
        if (!m.matches()) {
          throw new IllegalArgumentException(
              "SQLite connection string: _pragma '"
                  + value
                  + "' must look like name(value), e.g. _pragma=busy_timeout(2500)");
        }
        pragma(m.group(1).toLowerCase(Locale.ROOT), m.group(2).trim(), pragmas);
      }
      case "_txlock" -> {
        String v = value.toLowerCase(Locale.ROOT);
        if (!Set.of("immediate", "deferred", "exclusive").contains(v)) {
          throw new IllegalArgumentException(
              "SQLite connection string: _txlock '"
                  + value
                  + "' must be immediate, deferred or exclusive");
        }
        // Writes always run one at a time in BEGIN IMMEDIATE transactions; nothing to pass on.
      }
      case "mode" -> {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.equals("memory")) {
          throw new IllegalArgumentException(
              "in-memory SQLite (mode=memory) is not supported: a connection pool needs a file;"
                  + " use a file in a temporary directory, or the in-memory storage for tests");
        }
        if (v.equals("ro")) {
          throw new IllegalArgumentException(
              "read-only SQLite (mode=ro) is not supported: the schema is migrated at start");
        }
        if (!v.equals("rw") && !v.equals("rwc")) {
          throw new IllegalArgumentException(
              "SQLite connection string: mode '" + value + "' must be rw or rwc");
        }
      }
      case "cache" -> {
        if (!Set.of("shared", "private").contains(value.toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException(
              "SQLite connection string: cache '" + value + "' must be shared or private");
        }
      }
      // Legacy mattn/go-sqlite3 parameters that Pocket ID translates.
      case "_fk", "_foreign_keys" -> pragma("foreign_keys", value, pragmas);
      case "_busy_timeout", "_timeout" -> pragma("busy_timeout", value, pragmas);
      case "_journal_mode", "_journal" -> pragma("journal_mode", value, pragmas);
      case "_synchronous", "_sync" -> pragma("synchronous", value, pragmas);
      case "_cache_size" -> pragma("cache_size", value, pragmas);
      default ->
          throw new IllegalArgumentException(
              "SQLite connection string: unknown parameter '"
                  + name
                  + "'; accepted: _pragma=name(value) with "
                  + PRAGMA_LIST
                  + ", _txlock, mode, cache, _fk, _busy_timeout, _journal_mode, _synchronous");
    }
  }

  private static void pragma(String name, String value, Map<String, String> pragmas) {
    String upper = value.toUpperCase(Locale.ROOT);
    switch (name) {
      case "busy_timeout", "cache_size", "mmap_size" -> {
        if (!INTEGER.matcher(value).matches()
            || (!name.equals("cache_size") && value.startsWith("-"))) {
          throw new IllegalArgumentException(
              "SQLite pragma " + name + "(" + value + "): expected a whole number");
        }
        pragmas.put(name, value);
      }
      case "journal_mode" -> {
        if (!JOURNAL_MODES.contains(upper)) {
          throw new IllegalArgumentException(
              "SQLite pragma journal_mode(" + value + "): expected one of " + JOURNAL_MODES);
        }
        if (upper.equals("MEMORY") || upper.equals("OFF")) {
          throw new IllegalArgumentException(
              "SQLite pragma journal_mode("
                  + value
                  + ") risks corrupting the database on a crash;"
                  + " use WAL (the default)");
        }
        pragmas.put(name, upper);
      }
      case "synchronous" -> {
        String v =
            switch (upper) {
              case "0" -> "OFF";
              case "1" -> "NORMAL";
              case "2" -> "FULL";
              case "3" -> "EXTRA";
              default -> upper;
            };
        if (!SYNCHRONOUS.contains(v)) {
          throw new IllegalArgumentException(
              "SQLite pragma synchronous(" + value + "): expected one of " + SYNCHRONOUS);
        }
        pragmas.put(name, v);
      }
      case "temp_store" -> {
        String v =
            switch (upper) {
              case "0" -> "DEFAULT";
              case "1" -> "FILE";
              case "2" -> "MEMORY";
              default -> upper;
            };
        if (!TEMP_STORE.contains(v)) {
          throw new IllegalArgumentException(
              "SQLite pragma temp_store(" + value + "): expected one of " + TEMP_STORE);
        }
        pragmas.put(name, v);
      }
      case "foreign_keys" -> {
        if (!Set.of("1", "ON", "TRUE", "YES").contains(upper)) {
          throw new IllegalArgumentException(
              "SQLite pragma foreign_keys("
                  + value
                  + ") is refused: foreign keys are always on (deleting a user deletes what"
                  + " belongs to them)");
        }
      }
      default ->
          throw new IllegalArgumentException(
              "SQLite connection string: unknown pragma '" + name + "'; accepted: " + PRAGMA_LIST);
    }
  }

  // ------------------------------------------------------------ PostgreSQL

  private static JdbcSettings postgres(String cs) {
    if (cs.startsWith("jdbc:postgresql:")) {
      return postgresJdbc(cs);
    }
    String lower = cs.toLowerCase(Locale.ROOT);
    String rest;
    if (lower.startsWith("postgres://")) {
      rest = cs.substring("postgres://".length());
    } else if (lower.startsWith("postgresql://")) {
      rest = cs.substring("postgresql://".length());
    } else {
      throw new IllegalArgumentException(
          "PostgreSQL connection string must start with postgres://, postgresql:// or"
              + " jdbc:postgresql: (e.g. postgres://user:password@host:5432/pocketid)");
    }
    // The user info ends at the last '@', so that an unescaped '/', '?' or '@' in a password
    // never ends up in the host, database or parameters (and so never in a message).
    String user = null;
    String password = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decodeCredential(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
      password = colon < 0 ? null : decodeCredential(userInfo.substring(colon + 1), "password");
    }
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    int slash = rest.indexOf('/');
    String hosts = slash < 0 ? rest : rest.substring(0, slash);
    String database = slash < 0 ? "" : decode(rest.substring(slash + 1), redact(cs));
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException(
          "PostgreSQL connection string '" + redact(cs) + "' names no host");
    }
    if (database.isEmpty()) {
      throw new IllegalArgumentException(
          "PostgreSQL connection string '" + redact(cs) + "' names no database");
    }
    if (database.contains("/")) {
      throw new IllegalArgumentException(
          "PostgreSQL connection string '" + redact(cs) + "': malformed database name");
    }
    StringBuilder url = new StringBuilder("jdbc:postgresql://");
    String sep = "";
    for (String hostPort : hosts.split(",", -1)) {
      url.append(sep).append(hostAndPort(hostPort, cs));
      sep = ",";
    }
    url.append('/').append(URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20"));
    int pool = DEFAULT_POSTGRES_POOL;
    Duration timeout = DEFAULT_TIMEOUT;
    char qsep = '?';
    for (String param : query.split("&")) {
      if (param.isEmpty()) {
        continue;
      }
      int eq = param.indexOf('=');
      String name = decode(eq < 0 ? param : param.substring(0, eq), redact(cs));
      String raw = eq < 0 ? "" : param.substring(eq + 1);
      switch (name) {
        case "password" -> password = decodeCredential(raw, "password");
        case "user" -> user = decodeCredential(raw, "user name");
        case "pool_max_conns" -> pool = positive(name, decode(raw, redact(cs)));
        case "connect_timeout" -> {
          int seconds = positive(name, decode(raw, redact(cs)));
          timeout = Duration.ofSeconds(seconds);
          url.append(qsep).append("connectTimeout=").append(seconds);
          qsep = '&';
        }
        default -> {
          String jdbcName =
              switch (name) {
                case "application_name" -> "ApplicationName";
                case "search_path" -> "currentSchema";
                default -> name;
              };
          String value = decode(raw, redact(cs));
          url.append(qsep)
              .append(URLEncoder.encode(jdbcName, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
          qsep = '&';
        }
      }
    }
    return new JdbcSettings(Dialect.POSTGRES, url.toString(), user, password, pool, timeout);
  }

  private static JdbcSettings postgresJdbc(String cs) {
    String rest = cs.substring("jdbc:postgresql:".length());
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("PostgreSQL JDBC URL names no database");
    }
    String base = rest;
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      base = rest.substring(0, q);
      query = rest.substring(q + 1);
    }
    if (base.startsWith("//") && base.substring(2).contains("@")) {
      throw new IllegalArgumentException(
          "PostgreSQL JDBC URL '"
              + redact(cs)
              + "': put the user and password in ?user=…&password=…, not before the host");
    }
    String user = null;
    String password = null;
    StringBuilder url = new StringBuilder("jdbc:postgresql:").append(base);
    char sep = '?';
    for (String param : query.split("&")) {
      if (param.isEmpty()) {
        continue;
      }
      int eq = param.indexOf('=');
      String name = eq < 0 ? param : param.substring(0, eq);
      String raw = eq < 0 ? "" : param.substring(eq + 1);
      if (name.equals("password")) {
        password = decodeCredential(raw, "password");
      } else if (name.equals("user")) {
        user = decodeCredential(raw, "user name");
      } else {
        url.append(sep).append(param);
        sep = '&';
      }
    }
    return new JdbcSettings(
        Dialect.POSTGRES, url.toString(), user, password, DEFAULT_POSTGRES_POOL, DEFAULT_TIMEOUT);
  }

  private static String hostAndPort(String hostPort, String cs) {
    String host;
    String port = "5432";
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException(
            "PostgreSQL connection string '" + redact(cs) + "': unclosed [ in IPv6 host");
      }
      host = hostPort.substring(0, close + 1);
      String after = hostPort.substring(close + 1);
      if (after.startsWith(":")) {
        port = after.substring(1);
      } else if (!after.isEmpty()) {
        throw new IllegalArgumentException(
            "PostgreSQL connection string '" + redact(cs) + "': malformed host '" + hostPort + "'");
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      if (colon >= 0) {
        port = hostPort.substring(colon + 1);
      }
    }
    if (host.isEmpty() || host.equals("[]")) {
      throw new IllegalArgumentException(
          "PostgreSQL connection string '" + redact(cs) + "' names no host");
    }
    if (!host.startsWith("[") && !host.matches("[A-Za-z0-9._%-]+")) {
      throw new IllegalArgumentException(
          "PostgreSQL connection string '" + redact(cs) + "': malformed host '" + host + "'");
    }
    if (!port.matches("[0-9]{1,5}")
        || Integer.parseInt(port) < 1
        || Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException(
          "PostgreSQL connection string '"
              + redact(cs)
              + "': port '"
              + port
              + "' must be a number 1..65535");
    }
    return host + ":" + port;
  }

  private static int positive(String name, String value) {
    if (!value.matches("[0-9]{1,6}") || Integer.parseInt(value) < 1) {
      throw new IllegalArgumentException(
          "PostgreSQL connection string: " + name + " '" + value + "' must be a positive number");
    }
    return Integer.parseInt(value);
  }

  /** Decodes a user name or password; the message never repeats the value. */
  private static String decodeCredential(String raw, String what) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "PostgreSQL connection string: the " + what + " has a malformed %-escape");
    }
  }

  private static String decode(String raw, String forMessage) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "connection string '" + redact(forMessage) + "' has a malformed %-escape");
    }
  }
}

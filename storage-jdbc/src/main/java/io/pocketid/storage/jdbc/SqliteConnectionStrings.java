package io.pocketid.storage.jdbc;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SQLite connection strings: plain paths and Pocket ID's {@code file:path?_pragma=…} URIs. */
final class SqliteConnectionStrings {
  private SqliteConnectionStrings() {}

  private static final Set<String> JOURNAL_MODES =
      Set.of("DELETE", "TRUNCATE", "PERSIST", "WAL", "OFF", "MEMORY");
  private static final Set<String> SYNCHRONOUS = Set.of("OFF", "NORMAL", "FULL", "EXTRA");
  private static final Set<String> TEMP_STORE = Set.of("DEFAULT", "FILE", "MEMORY");
  private static final Pattern PRAGMA = Pattern.compile("([A-Za-z_]+)\\((.*)\\)");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,10}");

  static JdbcSettings parse(String cs) {
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
                + ConnectionStrings.redact(cs)
                + "': a file: URI with a host is not supported; use file:relative/path or"
                + " file:/absolute/path");
      }
      path = ConnectionStrings.decode(path, cs);
    }
    if (path.isEmpty()) {
      throw new IllegalArgumentException(
          "SQLite connection string '" + ConnectionStrings.redact(cs) + "' names no database file");
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
        Dialect.SQLITE,
        url.toString(),
        null,
        null,
        ConnectionStrings.DEFAULT_SQLITE_READERS,
        ConnectionStrings.DEFAULT_TIMEOUT);
  }

  private static void sqliteParam(String param, Map<String, String> pragmas, String cs) {
    int eq = param.indexOf('=');
    String name = ConnectionStrings.decode(eq < 0 ? param : param.substring(0, eq), cs);
    String value = eq < 0 ? "" : ConnectionStrings.decode(param.substring(eq + 1), cs);
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
                  + ConnectionStrings.PRAGMA_LIST
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
              "SQLite connection string: unknown pragma '"
                  + name
                  + "'; accepted: "
                  + ConnectionStrings.PRAGMA_LIST);
    }
  }
}

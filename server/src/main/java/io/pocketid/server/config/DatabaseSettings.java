package io.pocketid.server.config;

import io.pocketid.storage.jdbc.Dialect;
import io.pocketid.storage.jdbc.JdbcSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The database, from {@code DB_PROVIDER} and {@code DB_CONNECTION_STRING}.
 *
 * @param jdbc parsed connection settings (the password never appears in {@code toString})
 */
public record DatabaseSettings(JdbcSettings jdbc) {
  public DatabaseSettings {
    Objects.requireNonNull(jdbc, "jdbc");
  }

  /** The SQLite database file, for SQLite on a file (to create its directory). */
  public Optional<Path> sqliteFile() {
    if (jdbc.dialect() != Dialect.SQLITE) {
      return Optional.empty();
    }
    String target = withoutQuery(jdbc.jdbcUrl().replaceFirst("^jdbc:sqlite:", ""));
    target = target.replaceFirst("^file:", "");
    if (target.isEmpty() || target.startsWith(":memory:") || target.contains("mode=memory")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(target));
  }

  /**
   * For logs: the dialect and the host/database or file, without credentials or parameters, e.g.
   * {@code postgres db.example:5432/pocketid} or {@code sqlite data/pocket-id.db}.
   */
  public String describe() {
    String target = withoutQuery(jdbc.jdbcUrl());
    target = target.replaceFirst("^jdbc:(sqlite|postgresql):", "").replaceFirst("^//", "");
    // Belt and braces: drop any user info that might have slipped into the URL.
    int at = target.indexOf('@');
    if (at >= 0) {
      target = target.substring(at + 1);
    }
    return jdbc.dialect().name().toLowerCase(java.util.Locale.ROOT) + " " + target;
  }

  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}

package io.pocketid.storage.jdbc.internal;

import io.pocketid.storage.jdbc.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CommandExecutionException;
import liquibase.exception.PreconditionFailedException;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.precondition.FailedPrecondition;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Brings the schema up to date, running Liquibase only when needed.
 *
 * <p>Fast path: the SHA-256 of the changelog resources is stored in {@value #STATE_TABLE} after
 * every successful update. At start the stored value is read (one indexed row, independent of data
 * size); Liquibase runs only when the table is missing or the value differs. With several instances
 * on one PostgreSQL the slow path runs under Liquibase's database lock and re-reads the checksum
 * once it holds the lock, so instances that started together migrate once.
 */
public final class SchemaMigrator {
  /** The changelog, relative to the class path root. */
  public static final String CHANGELOG = "io/pocketid/storage/jdbc/db/changelog/db.changelog.xml";

  /** Every resource whose content defines the schema; the checksum covers them all. */
  static final List<String> CHANGELOG_RESOURCES = List.of(CHANGELOG);

  /** Where the checksum of the last successful update is kept. */
  public static final String STATE_TABLE = "pocketid_schema_checksum";

  /** What {@link #migrate} did. */
  public enum Outcome {
    /** The stored checksum matched: Liquibase did not run. */
    UP_TO_DATE,
    /** Liquibase ran (possibly finding nothing to do) and the checksum was stored. */
    MIGRATED
  }

  private SchemaMigrator() {}

  /** SHA-256 (hex) over the changelog resources. */
  public static String changelogChecksum() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String name : CHANGELOG_RESOURCES) {
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(name)) {
          if (in == null) {
            throw new IllegalStateException("changelog resource missing: " + name);
          }
          sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          sha.update(in.readAllBytes());
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Migrates through {@code conn} (auto-commit, not pooled; the caller closes it).
   *
   * @throws Exception when the database cannot be read or Liquibase fails
   */
  public static Outcome migrate(Connection conn, Dialect dialect) throws Exception {
    String expected = changelogChecksum();
    conn.setAutoCommit(true);
    if (expected.equals(storedChecksum(conn))) {
      return Outcome.UP_TO_DATE;
    }
    if (dialect != Dialect.POSTGRES) {
      return runLiquibase(conn, expected); // one process owns a SQLite file's writer
    }
    // Liquibase creates its lock table without guarding against a concurrent creator, so
    // instances starting together on an empty schema first queue on an advisory lock (per schema).
    try (Statement st = conn.createStatement()) {
      st.execute(ADVISORY_LOCK);
    }
    try {
      return runLiquibase(conn, expected);
    } finally {
      conn.setAutoCommit(true);
      try (Statement st = conn.createStatement()) {
        st.execute(ADVISORY_UNLOCK);
      }
    }
  }

  private static final String ADVISORY_KEY = "hashtext('pocket-id schema ' || current_schema())";

  /** PostgreSQL: the session lock that serialises schema changes of instances on one schema. */
  public static final String ADVISORY_LOCK = "SELECT pg_advisory_lock(" + ADVISORY_KEY + ")";

  public static final String ADVISORY_UNLOCK = "SELECT pg_advisory_unlock(" + ADVISORY_KEY + ")";

  private static Outcome runLiquibase(Connection conn, String expected) throws Exception {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(loader()));
    scope.put(Scope.Attr.ui.name(), new LoggerUIService());
    scope.put(Scope.Attr.logService.name(), new LiquibaseLogs());
    scope.put(AnalyticsArgs.ENABLED.getKey(), false);
    return Scope.child(
        scope,
        () -> {
          Database database =
              DatabaseFactory.getInstance()
                  .findCorrectDatabaseImplementation(new JdbcConnection(conn));
          LockService lock = LockServiceFactory.getInstance().getLockService(database);
          lock.waitForLock();
          try {
            if (expected.equals(storedChecksum(conn))) {
              return Outcome.UP_TO_DATE; // another instance migrated while we waited
            }
            try {
              new CommandScope(UpdateCommandStep.COMMAND_NAME)
                  .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                  .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                  .addArgumentValue(
                      ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                  .execute();
            } catch (CommandExecutionException e) {
              throw explained(e);
            }
            conn.setAutoCommit(true);
            storeChecksum(conn, expected);
            return Outcome.MIGRATED;
          } finally {
            lock.releaseLock();
          }
        });
  }

  /**
   * When a changeset's precondition failed, an exception whose message is the precondition's own
   * (which names what to fix) rather than Liquibase's innermost "Preconditions Failed"; the
   * original is attached as suppressed.
   */
  static Exception explained(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PreconditionFailedException p && !p.getFailedPreconditions().isEmpty()) {
        IllegalStateException clear =
            new IllegalStateException(
                p.getFailedPreconditions().stream()
                    .map(FailedPrecondition::getMessage)
                    .collect(Collectors.joining("; ")));
        clear.addSuppressed(e);
        return clear;
      }
    }
    return e;
  }

  private static ClassLoader loader() {
    return SchemaMigrator.class.getClassLoader();
  }

  /**
   * The stored checksum, or null when the table or row is missing. Inside a transaction (Liquibase
   * turns auto-commit off) the probe runs under a savepoint so a missing table does not abort it.
   */
  static String storedChecksum(Connection conn) throws SQLException {
    Savepoint savepoint = conn.getAutoCommit() ? null : conn.setSavepoint();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT checksum FROM " + STATE_TABLE + " WHERE id = 1")) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      if (savepoint != null) {
        conn.rollback(savepoint);
      }
      return null; // no table yet
    } finally {
      if (savepoint != null) {
        conn.releaseSavepoint(savepoint);
      }
    }
  }

  private static void storeChecksum(Connection conn, String checksum) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + STATE_TABLE
              + " (id INTEGER NOT NULL PRIMARY KEY, checksum TEXT NOT NULL,"
              + " updated_at TEXT NOT NULL)");
    }
    try (PreparedStatement ps =
        conn.prepareStatement(
            "INSERT INTO "
                + STATE_TABLE
                + " (id, checksum, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE"
                + " SET checksum = excluded.checksum, updated_at = excluded.updated_at")) {
      ps.setString(1, checksum);
      ps.setString(2, Instant.now().toString());
      ps.executeUpdate();
    }
  }
}

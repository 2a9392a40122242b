package io.pocketid.storage.jdbc.internal.adopt;

import io.pocketid.storage.jdbc.Dialect;
import io.pocketid.storage.jdbc.JdbcSettings;
import io.pocketid.storage.jdbc.internal.SchemaMigrator;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.jdbc.AutoSave;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Takes over a Pocket ID v1.15 database before the server opens its pools.
 *
 * <p>An empty database or one in our schema is left alone. A Pocket ID database at v1.15's last
 * migration is adopted; any other version, a half-applied Pocket ID migration, emails that differ
 * only in case, or tables that are neither ours nor Pocket ID's are refused with one line — before
 * anything is written. Adoption: on SQLite a consistent copy beside the file first ({@code VACUUM
 * INTO}, named with the Pocket ID version and the time); then, in one transaction, Pocket ID's
 * tables are dropped (SQLite; the rows are read from the copy) or moved into the schema {@code
 * <schema>_pocketid_v115} (PostgreSQL; kept for a roll-back), our schema is created by the same
 * Liquibase changelog as always, and every row is converted and inserted. A failure rolls the whole
 * transaction back and names the table and row.
 */
public final class PocketIdAdoption {
  private static final Logger LOG = LoggerFactory.getLogger(PocketIdAdoption.class);
  private static final String SOURCE_ALIAS = "pocketid_v115";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * What start-up found and did.
   *
   * @param found what the database held
   * @param backup the SQLite backup copy, when one was made
   * @param moved rows moved per table, in the order moved (empty when nothing was adopted)
   */
  public record Result(DatabaseContents found, Optional<Path> backup, Map<String, Integer> moved) {
    /** Whether Pocket ID's data was adopted by this call. */
    public boolean adopted() {
      return !moved.isEmpty();
    }
  }

  private final JdbcSettings settings;
  private final Optional<Path> sqliteFile;
  private final Clock clock;

  /**
   * @param sqliteFile the database file, for SQLite
   */
  public PocketIdAdoption(JdbcSettings settings, Optional<Path> sqliteFile, Clock clock) {
    this.settings = settings;
    this.sqliteFile = sqliteFile;
    this.clock = clock;
  }

  /**
   * Inspects the database and adopts it when it is Pocket ID's.
   *
   * @throws AdoptionException when the database is refused (nothing written) or the move failed
   *     (rolled back)
   * @throws SQLException when the database cannot be read
   */
  public Result run() throws SQLException {
    if (settings.dialect() == Dialect.SQLITE) {
      Path file = sqliteFile.orElseThrow();
      if (!Files.isRegularFile(file) || size(file) == 0) {
        return notAdopted(DatabaseContents.Kind.EMPTY);
      }
      DatabaseContents found;
      try (Connection ro = sqliteReadOnly(file)) {
        found = inspect(ro);
        if (found.kind() != DatabaseContents.Kind.POCKET_ID) {
          return notAdopted(found);
        }
        refuseCaseClashes(ro, "main");
      }
      return adoptSqlite(file, found);
    }
    try (Connection conn =
        DriverManager.getConnection(settings.jdbcUrl(), settings.username(), settings.password())) {
      // Instances starting together on one Pocket ID schema: one adopts, the others then find ours.
      try (Statement st = conn.createStatement()) {
        st.execute(SchemaMigrator.ADVISORY_LOCK);
      }
      try {
        DatabaseContents found = inspect(conn);
        if (found.kind() != DatabaseContents.Kind.POCKET_ID) {
          return notAdopted(found);
        }
        String schema = currentSchema(conn);
        refuseCaseClashes(conn, schema);
        return adoptPostgres(conn, found, schema);
      } finally {
        try (Statement st = conn.createStatement()) {
          st.execute(SchemaMigrator.ADVISORY_UNLOCK);
        }
      }
    }
  }

  private static Result notAdopted(DatabaseContents.Kind kind) {
    return notAdopted(new DatabaseContents(kind, Collections.emptySet(), Optional.empty(), false));
  }

  private static Result notAdopted(DatabaseContents found) {
    return new Result(found, Optional.empty(), Map.of());
  }

  /** Classifies, refusing foreign databases and unknown versions. */
  private DatabaseContents inspect(Connection conn) throws SQLException {
    DatabaseContents found = DatabaseContents.inspect(conn, settings.dialect());
    String where = describe();
    switch (found.kind()) {
      case FOREIGN -> {
        List<String> other = found.tablesOtherThan(PocketIdSchema.TABLES);
        other.remove(PocketIdSchema.MIGRATIONS_TABLE);
        throw new AdoptionException(
            where
                + " holds tables that are neither this server's nor Pocket ID's ("
                + String.join(", ", other.subList(0, Math.min(other.size(), 10)))
                + (other.size() > 10 ? ", …" : "")
                + "): refusing to write to it; nothing was written. Point DB_CONNECTION_STRING at"
                + " an empty database or at a Pocket ID "
                + PocketIdSchema.RELEASE
                + " database.");
      }
      case POCKET_ID -> checkVersion(found, where);
      default -> {}
    }
    return found;
  }

  private void checkVersion(DatabaseContents found, String where) {
    long known = PocketIdSchema.knownVersion(settings.dialect());
    String version = found.pocketIdVersion().map(String::valueOf).orElse("none");
    String head = where + " is a Pocket ID database at schema version " + version;
    if (found.dirty()) {
      throw new AdoptionException(
          head
              + ", marked dirty (a Pocket ID migration stopped half-way): nothing was written."
              + " Repair it with Pocket ID "
              + PocketIdSchema.RELEASE
              + " first, then start this server.");
    }
    long v = found.pocketIdVersion().orElse(0L);
    if (v > known) {
      throw new AdoptionException(
          head
              + ", newer than Pocket ID "
              + PocketIdSchema.RELEASE
              + " ("
              + known
              + "), the only version this server adopts: nothing was written. Restore a backup"
              + " taken under Pocket ID "
              + PocketIdSchema.RELEASE
              + ", or keep running Pocket ID.");
    }
    if (v < known) {
      throw new AdoptionException(
          head
              + ", older than Pocket ID "
              + PocketIdSchema.RELEASE
              + " ("
              + known
              + "), the only version this server adopts: nothing was written. Start Pocket ID "
              + PocketIdSchema.RELEASE
              + " once on this database so that it migrates, then start this server.");
    }
  }

  /** Our emails are unique ignoring case; Pocket ID's were not. Names the clashing users. */
  private static void refuseCaseClashes(Connection conn, String qualifier) throws SQLException {
    String sql =
        "SELECT id, email FROM "
            + qualifier
            + ".users WHERE lower(email) IN (SELECT lower(email) FROM "
            + qualifier
            + ".users WHERE email IS NOT NULL GROUP BY lower(email) HAVING COUNT(*) > 1)"
            + " ORDER BY lower(email), id";
    List<String> clashes = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        clashes.add("'" + rs.getString(2) + "' (user " + rs.getString(1) + ")");
      }
    }
    if (!clashes.isEmpty()) {
      throw new AdoptionException(
          "Pocket ID users have emails that differ only in case, which this server treats as the"
              + " same address: "
              + String.join(", ", clashes)
              + ". Change or remove all but one of each in Pocket ID, then start this server;"
              + " nothing was written.");
    }
  }

  private Result adoptSqlite(Path file, DatabaseContents found) throws SQLException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Path backup =
        file.resolveSibling(
            file.getFileName()
                + ".pocket-id-"
                + PocketIdSchema.RELEASE
                + "-"
                + found.pocketIdVersion().orElseThrow()
                + "-"
                + STAMP.format(now)
                + ".bak");
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement st = conn.createStatement()) {
        st.execute("PRAGMA busy_timeout = 5000");
        st.execute("VACUUM INTO " + quote(backup.toString()));
        ownerOnly(backup); // it holds Pocket ID's plain-text login codes and signup tokens
        LOG.info(
            "Pocket ID {} database found: backup copy written to {}",
            PocketIdSchema.RELEASE,
            backup);
        st.execute("ATTACH DATABASE " + quote(backup.toString()) + " AS " + SOURCE_ALIAS);
        st.execute("PRAGMA foreign_keys = ON");
      }
      boolean done = false;
      try {
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
          for (String table : dropOrder()) {
            st.execute("DROP TABLE main." + table);
          }
        }
        Map<String, Integer> moved = migrateAndMove(conn, found, now);
        conn.commit();
        done = true;
        return new Result(found, Optional.of(backup), moved);
      } finally {
        if (!done) {
          conn.rollback();
        }
        conn.setAutoCommit(true);
        try (Statement st = conn.createStatement()) {
          st.execute("DETACH DATABASE " + SOURCE_ALIAS);
        }
        if (!done) {
          deleteQuietly(backup);
        }
      }
    }
  }

  private Result adoptPostgres(Connection conn, DatabaseContents found, String schema)
      throws SQLException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String keep = keptSchema(schema);
    boolean done = false;
    conn.setAutoCommit(false);
    try {
      try (Statement st = conn.createStatement()) {
        st.execute("CREATE SCHEMA " + keep);
        for (String table : dropOrder()) {
          st.execute("ALTER TABLE " + table + " SET SCHEMA " + keep);
        }
      }
      Map<String, Integer> moved = migrateAndMove(conn, found, now, keep);
      conn.commit();
      done = true;
      LOG.info(
          "Pocket ID {} database adopted; its tables are kept in schema {}",
          PocketIdSchema.RELEASE,
          keep);
      return new Result(found, Optional.empty(), moved);
    } finally {
      if (!done) {
        conn.rollback();
      }
      conn.setAutoCommit(true);
    }
  }

  /** Where PostgreSQL keeps Pocket ID's tables after adoption (63-byte identifier limit). */
  public static String keptSchema(String schema) {
    String suffix = "_" + SOURCE_ALIAS;
    String base =
        schema.length() + suffix.length() > 63 ? schema.substring(0, 63 - suffix.length()) : schema;
    return base + suffix;
  }

  private Map<String, Integer> migrateAndMove(Connection conn, DatabaseContents found, Instant now)
      throws SQLException {
    return migrateAndMove(conn, found, now, SOURCE_ALIAS);
  }

  private Map<String, Integer> migrateAndMove(
      Connection conn, DatabaseContents found, Instant now, String source) throws SQLException {
    PGConnection pg =
        settings.dialect() == Dialect.POSTGRES ? conn.unwrap(PGConnection.class) : null;
    try {
      if (pg != null) {
        // Liquibase probes for its tables with queries that may fail; a failed statement must not
        // abort our transaction, so each one runs under a savepoint while Liquibase works.
        pg.setAutosave(AutoSave.ALWAYS);
      }
      SchemaMigrator.migrate(inTransaction(conn), settings.dialect());
    } catch (SQLException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new AdoptionException("cannot create this server's schema: " + e.getMessage(), e);
    } finally {
      if (pg != null) {
        pg.setAutosave(AutoSave.NEVER);
      }
    }
    Map<String, Integer> moved = new LinkedHashMap<>();
    try {
      for (TableMove move : PocketIdSchema.moves(settings.dialect())) {
        moved.put(
            move.table(), move.move(conn, source, settings.dialect(), settings.dialect(), now));
      }
      moveInstanceId(conn, source);
    } catch (AdoptionException e) {
      throw new AdoptionException(
          "Adopting the Pocket ID "
              + PocketIdSchema.RELEASE
              + " database failed and was rolled back, the database is as it was: "
              + e.getMessage()
              + ". Correct or delete that row with Pocket ID or the sqlite3/psql tool, then start"
              + " this server again.",
          e.getCause());
    }
    LOG.info(
        "Pocket ID {} (schema version {}) adopted: {}",
        PocketIdSchema.RELEASE,
        found.pocketIdVersion().orElseThrow(),
        moved);
    return moved;
  }

  /** Pocket ID keeps the instance id (part of the key-encryption key) in the app config. */
  private static void moveInstanceId(Connection conn, String source) throws SQLException {
    try (PreparedStatement select =
            conn.prepareStatement(
                "SELECT value FROM " + source + ".app_config_variables WHERE key = ?");
        PreparedStatement insert =
            conn.prepareStatement("INSERT INTO kv (key, value) VALUES (?, ?)")) {
      select.setString(1, PocketIdSchema.INSTANCE_ID_CONFIG_KEY);
      try (ResultSet rs = select.executeQuery()) {
        if (rs.next() && rs.getString(1) != null && !rs.getString(1).isBlank()) {
          insert.setString(1, PocketIdSchema.INSTANCE_ID_KV_KEY);
          insert.setString(2, rs.getString(1));
          insert.executeUpdate();
        }
      }
    }
  }

  /** Pocket ID's tables, children before parents. */
  private static List<String> dropOrder() {
    List<String> order =
        new ArrayList<>(
            List.of(
                PocketIdSchema.MIGRATIONS_TABLE,
                "oidc_authorization_codes",
                "oidc_device_codes",
                "webauthn_sessions"));
    List<String> moved = new ArrayList<>();
    for (TableMove m : PocketIdSchema.moves(Dialect.SQLITE)) {
      moved.add(0, m.table());
    }
    order.addAll(moved);
    return order;
  }

  /**
   * The connection for Liquibase inside our transaction: commits, whole-transaction roll-backs and
   * auto-commit changes are ignored, so the schema's creation commits (or rolls back) with the
   * rows.
   */
  private static Connection inTransaction(Connection conn) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              boolean noArgs = args == null || args.length == 0;
              switch (method.getName()) {
                case "commit", "setAutoCommit", "close" -> {
                  return null;
                }
                case "rollback" -> {
                  if (noArgs) {
                    return null; // the caller rolls back the whole transaction on failure
                  }
                  return method.invoke(conn, args);
                }
                default -> {
                  try {
                    return method.invoke(conn, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                }
              }
            });
  }

  private static String currentSchema(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT current_schema()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static Connection sqliteReadOnly(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
  }

  private String describe() {
    return settings.dialect() == Dialect.SQLITE
        ? "The SQLite database " + sqliteFile.orElseThrow()
        : "The PostgreSQL database (current schema)";
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static void ownerOnly(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      LOG.warn("cannot restrict the permissions of {}: {}", file, e.toString());
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", file, e.toString());
    }
  }
}

package io.pocketid.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A Pocket ID v1.15 database built from the schema Pocket ID's migrations leave (the files in
 * {@code src/test/resources/pocketid-v1.15}), for adoption tests: SQLite stores timestamps as Unix
 * seconds, PostgreSQL as timestamptz, as Pocket ID does. Rows are inserted with {@link #insert}.
 */
public final class PocketIdV115Database {
  /** golang-migrate's table, which the schema dumps leave out. */
  private static final String MIGRATIONS =
      "CREATE TABLE schema_migrations (version BIGINT NOT NULL PRIMARY KEY, dirty BOOLEAN NOT"
          + " NULL)";

  private final Dialect dialect;
  private final String url;
  private final String user;
  private final String password;
  private final JdbcSettings settings;

  private PocketIdV115Database(
      Dialect dialect, String url, String user, String password, JdbcSettings settings) {
    this.dialect = dialect;
    this.url = url;
    this.user = user;
    this.password = password;
    this.settings = settings;
  }

  /** Creates Pocket ID's SQLite schema in {@code file} (journal mode DELETE, as a fresh file). */
  public static PocketIdV115Database sqlite(Path file) {
    PocketIdV115Database db =
        new PocketIdV115Database(
            Dialect.SQLITE,
            "jdbc:sqlite:" + file,
            null,
            null,
            ConnectionStrings.parse("sqlite", file.toString()));
    db.script(resource("pocketid-v1.15/pocketid-v1.15-schema-sqlite.sql"));
    db.exec(MIGRATIONS);
    db.setVersion(20251024000000L, false);
    return db;
  }

  /** Creates Pocket ID's PostgreSQL schema in {@code schema} (which must exist and be empty). */
  public static PocketIdV115Database postgres(String schema) {
    String base = PostgresTestDatabase.URL + (PostgresTestDatabase.URL.contains("?") ? "&" : "?");
    PocketIdV115Database db =
        new PocketIdV115Database(
            Dialect.POSTGRES,
            base + "currentSchema=" + schema + ",public&stringtype=unspecified",
            PostgresTestDatabase.USER,
            PostgresTestDatabase.PASSWORD,
            PostgresTestDatabase.settings(schema));
    String ddl = resource("pocketid-v1.15/pocketid-v1.15-schema-postgres.sql");
    StringBuilder kept = new StringBuilder();
    for (String statement : ddl.split(";\n")) {
      String s = statement.replaceAll("(?m)^--.*$", "").trim();
      if (s.isEmpty()
          || s.startsWith("SET ")
          || s.startsWith("SELECT pg_catalog.set_config")
          || s.startsWith("COMMENT ON EXTENSION")
          || s.startsWith("CREATE EXTENSION")) {
        continue;
      }
      kept.append(s.replace("public.citext", "citext").replace("public.", "")).append(";\n");
    }
    db.exec("CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public");
    db.script(kept.toString());
    db.exec(MIGRATIONS);
    db.setVersion(20251106144600L, false);
    return db;
  }

  /** The settings this server opens the database with. */
  public JdbcSettings settings() {
    return settings;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Replaces golang-migrate's version row. */
  public void setVersion(long version, boolean dirty) {
    exec("DELETE FROM schema_migrations");
    insert("schema_migrations", row("version", version, "dirty", dirty));
  }

  /** A row: column, value, column, value… ({@code null} values allowed). */
  public static Map<String, Object> row(Object... pairs) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      row.put((String) pairs[i], pairs[i + 1]);
    }
    return row;
  }

  /**
   * Inserts a row as Pocket ID stores it: an {@link Instant} as Unix seconds (SQLite) or
   * timestamptz (PostgreSQL); a {@link String} is cast by PostgreSQL to the column's type (uuid,
   * jsonb, inet).
   */
  public void insert(String table, Map<String, Object> row) {
    StringJoiner names = new StringJoiner(", ");
    StringJoiner marks = new StringJoiner(", ");
    row.keySet().forEach(k -> names.add(k.equals("key") ? "\"key\"" : k));
    row.keySet().forEach(k -> marks.add("?"));
    String sql = "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")";
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (Object v : row.values()) {
        if (v instanceof Instant t) {
          if (dialect == Dialect.SQLITE) {
            ps.setLong(i, t.getEpochSecond());
          } else {
            ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
          }
        } else {
          ps.setObject(i, v);
        }
        i++;
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Inserts an admin "Tim Cook" with the given id, username, email and creation time. */
  public void insertUser(String id, String username, String email, Instant createdAt) {
    insert(
        "users",
        row(
            "id",
            id,
            "created_at",
            createdAt,
            "username",
            username,
            "email",
            email,
            "first_name",
            "Tim",
            "last_name",
            "Cook",
            "display_name",
            "Tim Cook",
            "is_admin",
            true,
            "disabled",
            false));
  }

  /** Inserts a passkey as Pocket ID registered it (attestation "none"). */
  public void insertPasskey(
      String id,
      String userId,
      String name,
      byte[] credentialId,
      byte[] cosePublicKey,
      String transportJson,
      boolean backupEligible,
      Instant createdAt) {
    insert(
        "webauthn_credentials",
        row(
            "id",
            id,
            "created_at",
            createdAt,
            "name",
            name,
            "credential_id",
            credentialId,
            "public_key",
            cosePublicKey,
            "attestation_type",
            "none",
            "transport",
            transportJson,
            "user_id",
            userId,
            "backup_eligible",
            backupEligible,
            "backup_state",
            false));
  }

  /** Runs one statement. */
  public void exec(String sql) {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** A connection as Pocket ID's tooling would have (no pragmas; SQLite foreign keys off). */
  public Connection connect() throws SQLException {
    return user == null
        ? DriverManager.getConnection(url)
        : DriverManager.getConnection(url, user, password);
  }

  private void script(String sql) {
    for (String statement : sql.split(";\\s*\n")) {
      if (!statement.isBlank()) {
        exec(statement);
      }
    }
  }

  private static String resource(String name) {
    try (InputStream in = PocketIdV115Database.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

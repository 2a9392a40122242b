package io.pocketid.storage.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL the tests run against: {@code jdbc:postgresql://localhost:5432/pocketid_test},
 * user and password {@code pocketid}, overridable with {@code POCKETID_TEST_PG_URL}, {@code
 * POCKETID_TEST_PG_USER}, {@code POCKETID_TEST_PG_PASSWORD}. When it cannot be reached the tests
 * are skipped, except in CI ({@code -Dpocketid.ci=true} or {@code CI=true}) where they fail.
 */
final class PostgresTestDatabase {
  static final String URL =
      env("POCKETID_TEST_PG_URL", "jdbc:postgresql://localhost:5432/pocketid_test");
  static final String USER = env("POCKETID_TEST_PG_USER", "pocketid");
  static final String PASSWORD = env("POCKETID_TEST_PG_PASSWORD", "pocketid");

  private static final String HOW_TO =
      "PostgreSQL is not reachable at "
          + URL
          + " as "
          + USER
          + ". To run these tests: pg_ctlcluster 15 main start; create role "
          + USER
          + " (login, password) and database pocketid_test owned by it; or set"
          + " POCKETID_TEST_PG_URL / POCKETID_TEST_PG_USER / POCKETID_TEST_PG_PASSWORD.";

  private PostgresTestDatabase() {}

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  static boolean ci() {
    return "true".equalsIgnoreCase(System.getProperty("pocketid.ci"))
        || "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Skips the test (or fails it in CI) when PostgreSQL is not reachable. */
  static void assumeReachable() {
    try (Connection c = admin()) {
      c.isValid(2);
    } catch (SQLException e) {
      if (ci()) {
        fail(HOW_TO + " (CI: not skipping) Cause: " + e.getMessage());
      }
      Assumptions.abort(HOW_TO + " Cause: " + e.getMessage());
    }
  }

  static Connection admin() throws SQLException {
    DriverManager.setLoginTimeout(3);
    return DriverManager.getConnection(URL, USER, PASSWORD);
  }

  /** Creates an empty schema with a random name. */
  static String createSchema() {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    exec("CREATE SCHEMA " + schema);
    return schema;
  }

  static void dropSchema(String schema) {
    exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  static void exec(String sql) {
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Empties every application table of {@code schema} (not Liquibase's or the checksum). */
  static void truncateAll(String schema) {
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      StringBuilder tables = new StringBuilder();
      try (var rs =
          st.executeQuery(
              "SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                  + schema
                  + "' AND table_type = 'BASE TABLE' AND table_name NOT IN"
                  + " ('databasechangelog', 'databasechangeloglock', 'pocketid_schema_checksum')")) {
        while (rs.next()) {
          tables
              .append(tables.length() == 0 ? "" : ", ")
              .append(schema)
              .append('.')
              .append(rs.getString(1));
        }
      }
      // DELETE is much cheaper than TRUNCATE on tables this small; every foreign key cascades.
      StringBuilder deletes = new StringBuilder();
      for (String table : tables.toString().split(", ")) {
        deletes.append("DELETE FROM ").append(table).append(";");
      }
      st.execute(deletes.toString());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty schema " + schema + ": " + e.getMessage(), e);
    }
  }

  /** Settings for a storage confined to {@code schema}. */
  static JdbcSettings settings(String schema) {
    String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return new JdbcSettings(
        Dialect.POSTGRES, url, USER, PASSWORD, 4, ConnectionStrings.DEFAULT_TIMEOUT);
  }
}

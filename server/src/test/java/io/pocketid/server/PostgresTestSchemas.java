package io.pocketid.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Schemas in the test PostgreSQL (the same one storage-jdbc's tests use: {@code
 * localhost:5432/pocketid_test}, user and password {@code pocketid}, overridable with {@code
 * POCKETID_TEST_PG_URL} (JDBC form), {@code POCKETID_TEST_PG_USER}, {@code
 * POCKETID_TEST_PG_PASSWORD}). Tests skip when it is unreachable, except in CI, where they fail.
 */
final class PostgresTestSchemas {
  private static final String JDBC_URL =
      env("POCKETID_TEST_PG_URL", "jdbc:postgresql://localhost:5432/pocketid_test");
  private static final String USER = env("POCKETID_TEST_PG_USER", "pocketid");
  private static final String PASSWORD = env("POCKETID_TEST_PG_PASSWORD", "pocketid");

  private PostgresTestSchemas() {}

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  static void assumeReachable() {
    try (Connection connection = connect()) {
      connection.isValid(2);
    } catch (SQLException e) {
      String message = "PostgreSQL not reachable at " + JDBC_URL + " as " + USER + ": " + e;
      if ("true".equalsIgnoreCase(System.getProperty("pocketid.ci"))
          || "true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
  }

  /** Creates an empty schema and returns a Pocket ID connection string that uses it. */
  static String newConnectionString() {
    String schema = "srv_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    exec("CREATE SCHEMA " + schema);
    return "postgres://"
        + USER
        + ":"
        + PASSWORD
        + "@"
        + JDBC_URL.substring("jdbc:postgresql://".length())
        + "?search_path="
        + schema;
  }

  /**
   * Drops the schema named in a connection string made by {@link #newConnectionString()}, and the
   * schema an adoption of Pocket ID's tables there kept them in.
   */
  static void drop(String connectionString) {
    String schema = connectionString.substring(connectionString.indexOf("search_path=") + 12);
    // and where an adoption of a Pocket ID schema kept its tables
    exec("DROP SCHEMA IF EXISTS " + schema + ", " + schema + "_pocketid_v115 CASCADE");
  }

  private static void exec(String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static Connection connect() throws SQLException {
    DriverManager.setLoginTimeout(3);
    return DriverManager.getConnection(JDBC_URL, USER, PASSWORD);
  }
}

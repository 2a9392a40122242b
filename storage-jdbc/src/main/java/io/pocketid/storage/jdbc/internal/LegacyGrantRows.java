package io.pocketid.storage.jdbc.internal;

import io.pocketid.storage.jdbc.Column;
import io.pocketid.storage.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/**
 * Moves the rows that earlier versions kept for code-replay and grant revocation into their own
 * tables: the <em>tombstones</em> of redeemed authorization codes (rows of {@code
 * oidc_authorization_codes} with an empty scope, which no real code has: every authorization
 * request must ask for {@code openid}) into {@code oidc_used_authorization_codes}, and the {@code
 * oidc.revoked-grant.<id>} rows of {@code kv} (value: the instant after which the mark is useless)
 * into {@code oidc_revoked_grants}. The moved rows are deleted from where they were.
 *
 * <p>Runs as a Liquibase change (the changeset that creates the two tables) and after an import,
 * whose file may come from an earlier version.
 */
public final class LegacyGrantRows implements CustomTaskChange {
  /** The kv key prefix earlier versions used for revoked grants. */
  public static final String REVOKED_GRANT_PREFIX = "oidc.revoked-grant.";

  /** How long a revoked-grant mark whose instant cannot be read is kept. */
  static final Duration UNREADABLE_MARK_KEPT = Duration.ofDays(1);

  private static final String TOMBSTONE = "scope = ''";

  private int moved;

  /**
   * Moves the rows through {@code conn}, in the caller's transaction.
   *
   * @return how many rows were moved
   */
  public static int move(Connection conn, Dialect dialect) throws SQLException {
    int n;
    try (Statement st = conn.createStatement()) {
      n =
          st.executeUpdate(
              "INSERT INTO oidc_used_authorization_codes (code, grant_id, expires_at)"
                  + " SELECT code, id, expires_at FROM oidc_authorization_codes WHERE "
                  + TOMBSTONE
                  + " ON CONFLICT (code) DO NOTHING");
      st.executeUpdate("DELETE FROM oidc_authorization_codes WHERE " + TOMBSTONE);
    }
    Map<String, Instant> marks = new LinkedHashMap<>();
    String like = "key LIKE '" + REVOKED_GRANT_PREFIX + "%'";
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT key, value FROM kv WHERE " + like)) {
      while (rs.next()) {
        marks.put(
            rs.getString(1).substring(REVOKED_GRANT_PREFIX.length()), instant(rs.getString(2)));
      }
    }
    try (PreparedStatement insert =
        conn.prepareStatement(
            "INSERT INTO oidc_revoked_grants (grant_id, useless_after) VALUES (?, ?)"
                + " ON CONFLICT (grant_id) DO NOTHING")) {
      for (Map.Entry<String, Instant> mark : marks.entrySet()) {
        insert.setString(1, mark.getKey());
        SqlValues.write(insert, 2, Column.Type.TIMESTAMP, mark.getValue(), dialect);
        n += insert.executeUpdate();
      }
    }
    try (Statement st = conn.createStatement()) {
      st.executeUpdate("DELETE FROM kv WHERE " + like);
    }
    return n;
  }

  private static Instant instant(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return Instant.now().plus(UNREADABLE_MARK_KEPT);
    }
  }

  @Override
  public void execute(Database database) throws CustomChangeException {
    Connection conn = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
    Dialect dialect = database instanceof PostgresDatabase ? Dialect.POSTGRES : Dialect.SQLITE;
    try {
      moved = move(conn, dialect);
    } catch (SQLException e) {
      throw new CustomChangeException("cannot move used codes and revoked grants", e);
    }
  }

  @Override
  public String getConfirmationMessage() {
    return moved + " used-code and revoked-grant rows moved to their own tables";
  }

  @Override
  public void setUp() {}

  @Override
  public void setFileOpener(ResourceAccessor resourceAccessor) {}

  @Override
  public ValidationErrors validate(Database database) {
    return new ValidationErrors();
  }
}

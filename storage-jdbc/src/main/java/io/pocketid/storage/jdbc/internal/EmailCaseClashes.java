package io.pocketid.storage.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomPreconditionErrorException;
import liquibase.exception.CustomPreconditionFailedException;
import liquibase.precondition.CustomPrecondition;

/**
 * Precondition of the changeset that makes emails unique case-insensitively: fails, naming them,
 * when users already have emails that differ only in case (which an older version allowed), so the
 * operator can resolve them instead of meeting an anonymous unique-index failure. The changeset
 * then does not run and the database stays as it was.
 */
public final class EmailCaseClashes implements CustomPrecondition {
  /** How many clashing users the message lists at most. */
  static final int LISTED = 20;

  private static final String CLASHES =
      "SELECT id, username, email FROM users WHERE lower(email) IN"
          + " (SELECT lower(email) FROM users WHERE email IS NOT NULL"
          + " GROUP BY lower(email) HAVING COUNT(*) > 1)"
          + " ORDER BY lower(email), username";

  @Override
  public void check(Database database)
      throws CustomPreconditionFailedException, CustomPreconditionErrorException {
    List<String> clashes = new ArrayList<>();
    int total = 0;
    Connection conn = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
    try (PreparedStatement ps = conn.prepareStatement(CLASHES);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        if (total++ < LISTED) {
          clashes.add(
              String.format(
                  "'%s' (user '%s', id %s)", rs.getString(3), rs.getString(2), rs.getString(1)));
        }
      }
    } catch (SQLException e) {
      throw new CustomPreconditionErrorException("cannot look for emails that differ in case", e);
    }
    if (total > 0) {
      throw new CustomPreconditionFailedException(message(clashes, total));
    }
  }

  static String message(List<String> listed, int total) {
    return "Emails are now unique regardless of case, but "
        + total
        + " users have emails that differ only in case: "
        + String.join(", ", listed)
        + (total > listed.size() ? " and " + (total - listed.size()) + " more" : "")
        + ". Change or remove all but one email of each group with the previous version (or in"
        + " the database), then start again; nothing was changed.";
  }
}

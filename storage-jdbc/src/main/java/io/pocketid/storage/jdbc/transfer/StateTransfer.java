package io.pocketid.storage.jdbc.transfer;

import io.pocketid.storage.jdbc.Column;
import io.pocketid.storage.jdbc.Dialect;
import io.pocketid.storage.jdbc.JdbcSettings;
import io.pocketid.storage.jdbc.JdbcStorage;
import io.pocketid.storage.jdbc.internal.LegacyGrantRows;
import io.pocketid.storage.jdbc.internal.SqlValues;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Reads the whole state of a database, or writes one into it. Both first open the database as the
 * server does (schema created or migrated; a Pocket ID database adopted), so an export of a Pocket
 * ID database is an export of what this server made of it. Stop the server while importing.
 */
public final class StateTransfer {
  /** Told how far a table has got; called at least at the start and the end of each table. */
  @FunctionalInterface
  public interface Progress {
    void update(String table, long done, long total);

    /** Reports nothing. */
    Progress NONE = (table, done, total) -> {};
  }

  private static final int REPORT_EVERY = 500;

  private final JdbcSettings settings;
  private final Map<String, List<Column>> schema;

  public StateTransfer(JdbcSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.schema = SchemaColumns.read();
  }

  /** Our tables and their columns, parents before children. */
  public Map<String, List<Column>> tables() {
    return schema;
  }

  /** Every row of every table, read in one read-only transaction. */
  public List<TableData> read(Progress progress) {
    JdbcStorage.open(settings).close();
    try (Connection conn = connect()) {
      conn.setAutoCommit(false);
      if (settings.dialect() == Dialect.POSTGRES) {
        conn.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        conn.setReadOnly(true);
      }
      Map<String, Long> counts = counts(conn);
      List<TableData> tables = new ArrayList<>();
      for (Map.Entry<String, List<Column>> table : schema.entrySet()) {
        tables.add(readTable(conn, table.getKey(), table.getValue(), counts, progress));
      }
      conn.commit();
      return tables;
    } catch (SQLException e) {
      throw new TransferException("cannot read the database: " + e.getMessage(), e);
    }
  }

  /** Rows per table. */
  public Map<String, Long> counts() {
    JdbcStorage.open(settings).close();
    try (Connection conn = connect()) {
      return counts(conn);
    } catch (SQLException e) {
      throw new TransferException("cannot read the database: " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code tables} in one transaction. Used authorization codes and revoked grants that a
   * file from an earlier version holds in {@code oidc_authorization_codes} and {@code kv} are moved
   * to their own tables, as the schema migration moved them.
   *
   * @param replace delete everything first; without it a database holding any row is refused
   * @return rows written per table
   * @throws TransferException when the database is not empty (and not {@code replace}), a table or
   *     column is unknown, or a row cannot be stored (naming it); nothing is written then
   */
  public Map<String, Integer> write(List<TableData> tables, boolean replace, Progress progress) {
    Map<String, TableData> byName = new HashMap<>();
    for (TableData t : tables) {
      check(t);
      byName.put(t.name(), t);
    }
    JdbcStorage.open(settings).close();
    try (Connection conn = connect()) {
      Map<String, Long> before = counts(conn);
      if (!replace) {
        refuseNonEmpty(before);
      }
      conn.setAutoCommit(false);
      boolean done = false;
      try {
        if (replace) {
          deleteAll(conn);
        }
        Map<String, Integer> written = new LinkedHashMap<>();
        for (String table : schema.keySet()) {
          TableData data = byName.get(table);
          if (data != null) {
            written.put(table, insert(conn, data, progress));
          }
        }
        // A file from an earlier version holds used codes and revoked grants in their old places.
        LegacyGrantRows.move(conn, settings.dialect());
        conn.commit();
        done = true;
        return written;
      } finally {
        if (!done) {
          conn.rollback();
        }
      }
    } catch (SQLException e) {
      throw new TransferException("cannot write the database: " + e.getMessage(), e);
    }
  }

  private void check(TableData t) {
    List<Column> ours = schema.get(t.name());
    if (ours == null) {
      throw new TransferException(
          "table " + t.name() + " is not part of this server's schema; nothing was written");
    }
    for (Column c : t.columns()) {
      if (!ours.contains(c)) {
        throw new TransferException(
            "table "
                + t.name()
                + ": column "
                + c.name()
                + " ("
                + c.type()
                + ") is not part of this server's schema; nothing was written");
      }
    }
  }

  private static void refuseNonEmpty(Map<String, Long> counts) {
    StringJoiner filled = new StringJoiner(", ");
    counts.forEach(
        (table, n) -> {
          if (n > 0) {
            filled.add(table + " " + n);
          }
        });
    if (filled.length() > 0) {
      throw new TransferException(
          "the database is not empty ("
              + filled
              + "): refusing to import; nothing was written. Import into an empty database, or"
              + " use --force to replace everything in this one");
    }
  }

  private void deleteAll(Connection conn) throws SQLException {
    List<String> reverse = new ArrayList<>(schema.keySet());
    java.util.Collections.reverse(reverse);
    try (Statement st = conn.createStatement()) {
      for (String table : reverse) {
        st.executeUpdate("DELETE FROM " + table);
      }
    }
  }

  private int insert(Connection conn, TableData data, Progress progress) throws SQLException {
    StringJoiner names = new StringJoiner(", ");
    StringJoiner markers = new StringJoiner(", ");
    for (Column c : data.columns()) {
      names.add(c.name());
      markers.add(SqlValues.marker(c.type(), settings.dialect()));
    }
    String sql = "INSERT INTO " + data.name() + " (" + names + ") VALUES (" + markers + ")";
    long total = data.rows().size();
    progress.update(data.name(), 0, total);
    int n = 0;
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      for (List<Object> row : data.rows()) {
        try {
          for (int i = 0; i < row.size(); i++) {
            SqlValues.write(
                ps, i + 1, data.columns().get(i).type(), row.get(i), settings.dialect());
          }
          ps.executeUpdate();
        } catch (SQLException | RuntimeException e) {
          throw new TransferException(
              "table "
                  + data.name()
                  + ", row "
                  + (n + 1)
                  + " ("
                  + data.columns().get(0).name()
                  + "="
                  + row.get(0)
                  + "): "
                  + e.getMessage()
                  + "; nothing was written",
              e);
        }
        n++;
        if (n % REPORT_EVERY == 0) {
          progress.update(data.name(), n, total);
        }
      }
    }
    progress.update(data.name(), n, total);
    return n;
  }

  private TableData readTable(
      Connection conn,
      String table,
      List<Column> columns,
      Map<String, Long> counts,
      Progress progress)
      throws SQLException {
    StringJoiner names = new StringJoiner(", ");
    columns.forEach(c -> names.add(c.name()));
    String order = columns.size() > 1 ? "1, 2" : "1";
    long total = counts.getOrDefault(table, 0L);
    progress.update(table, 0, total);
    List<List<Object>> rows = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT " + names + " FROM " + table + " ORDER BY " + order)) {
      while (rs.next()) {
        List<Object> row = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
          row.add(SqlValues.read(rs, i + 1, columns.get(i).type(), settings.dialect()));
        }
        rows.add(row);
        if (rows.size() % REPORT_EVERY == 0) {
          progress.update(table, rows.size(), total);
        }
      }
    }
    progress.update(table, rows.size(), total);
    return new TableData(table, columns, rows);
  }

  private Map<String, Long> counts(Connection conn) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Statement st = conn.createStatement()) {
      for (String table : schema.keySet()) {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
          rs.next();
          counts.put(table, rs.getLong(1));
        }
      }
    }
    return counts;
  }

  private Connection connect() throws SQLException {
    return settings.username() == null
        ? DriverManager.getConnection(settings.jdbcUrl())
        : DriverManager.getConnection(settings.jdbcUrl(), settings.username(), settings.password());
  }
}

package io.pocketid.storage.jdbc.internal.adopt;

import io.pocketid.storage.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a database holds before this server writes to it: nothing, our schema, Pocket ID's schema
 * (with its migration version), or something else. Reads only.
 *
 * @param kind the classification
 * @param tables the tables found (lower case; SQLite's internal tables left out)
 * @param pocketIdVersion Pocket ID's {@code schema_migrations.version}, for {@link Kind#POCKET_ID}
 * @param dirty whether {@code schema_migrations} marks that version as half-applied
 */
public record DatabaseContents(
    DatabaseContents.Kind kind, Set<String> tables, Optional<Long> pocketIdVersion, boolean dirty) {

  /** The classification. */
  public enum Kind {
    /** No tables: a new installation. */
    EMPTY,
    /** This server's schema (Liquibase's tables or our checksum table present). */
    OURS,
    /** Pocket ID's schema: {@code schema_migrations} and only Pocket ID's tables. */
    POCKET_ID,
    /** Other tables: neither ours nor Pocket ID's. */
    FOREIGN
  }

  /** Tables whose presence marks our schema (case-insensitive: Liquibase upper-cases on SQLite). */
  static final Set<String> OUR_MARKERS =
      Set.of("databasechangelog", "databasechangeloglock", "pocketid_schema_checksum");

  /** Inspects the database behind {@code conn} (the current schema on PostgreSQL). */
  public static DatabaseContents inspect(Connection conn, Dialect dialect) throws SQLException {
    Set<String> tables = tables(conn, dialect);
    if (tables.isEmpty()) {
      return new DatabaseContents(Kind.EMPTY, tables, Optional.empty(), false);
    }
    if (tables.stream().anyMatch(OUR_MARKERS::contains)) {
      return new DatabaseContents(Kind.OURS, tables, Optional.empty(), false);
    }
    if (!tables.contains(PocketIdSchema.MIGRATIONS_TABLE)) {
      return new DatabaseContents(Kind.FOREIGN, tables, Optional.empty(), false);
    }
    Set<String> unknown = new TreeSet<>(tables);
    unknown.removeAll(PocketIdSchema.TABLES);
    unknown.remove(PocketIdSchema.MIGRATIONS_TABLE);
    if (!unknown.isEmpty()) {
      return new DatabaseContents(Kind.FOREIGN, tables, Optional.empty(), false);
    }
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT version, dirty FROM "
                    + PocketIdSchema.MIGRATIONS_TABLE
                    + " ORDER BY version DESC")) {
      if (!rs.next()) {
        return new DatabaseContents(Kind.POCKET_ID, tables, Optional.empty(), false);
      }
      return new DatabaseContents(
          Kind.POCKET_ID, tables, Optional.of(rs.getLong(1)), rs.getBoolean(2));
    }
  }

  /** Tables other than those of {@code known}, for messages. */
  public List<String> tablesOtherThan(Set<String> known) {
    List<String> other = new ArrayList<>();
    for (String t : tables) {
      if (!known.contains(t)) {
        other.add(t);
      }
    }
    return other;
  }

  private static Set<String> tables(Connection conn, Dialect dialect) throws SQLException {
    String sql =
        dialect == Dialect.SQLITE
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%'"
                + " ESCAPE '\\'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema ="
                + " current_schema() AND table_type IN ('BASE TABLE', 'VIEW')";
    Set<String> tables = new TreeSet<>();
    try (PreparedStatement ps = conn.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        tables.add(rs.getString(1).toLowerCase(Locale.ROOT));
      }
    }
    return tables;
  }
}

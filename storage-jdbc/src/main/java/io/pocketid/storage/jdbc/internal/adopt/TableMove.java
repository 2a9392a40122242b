package io.pocketid.storage.jdbc.internal.adopt;

import io.pocketid.core.security.TokenHasher;
import io.pocketid.storage.jdbc.Column;
import io.pocketid.storage.jdbc.Dialect;
import io.pocketid.storage.jdbc.internal.SqlValues;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Moves the rows of one Pocket ID table into ours: reads them from the source (a qualifier: the
 * attached backup on SQLite, the schema the old tables moved to on PostgreSQL), converts each value
 * and inserts it. A row that cannot be read or inserted stops the move with a message naming the
 * table and the row's key.
 *
 * @param table the table name (the same in both schemas)
 * @param keyColumns the source columns that identify a row in messages
 * @param where a filter on the source rows ({@code ""} for all)
 * @param columns our columns and where their values come from
 */
record TableMove(String table, List<String> keyColumns, String where, List<Col> columns) {

  /** How a value is read from the source and written to ours. */
  enum Kind {
    TEXT,
    /** Pocket ID's plain token, stored by us as its SHA-256 (hex). */
    SHA256,
    BOOL,
    INT,
    BYTES,
    JSON,
    /** SQLite: Unix seconds (Pocket ID) → milliseconds (ours); PostgreSQL: timestamptz. */
    TS
  }

  /**
   * One of our columns.
   *
   * @param target our column
   * @param source the SQL expression over the source row
   * @param kind the conversion
   * @param nullIsAdoptionTime a null timestamp becomes the time of adoption (our column is NOT
   *     NULL, Pocket ID's was nullable)
   * @param jsonIfNull for JSON: what a SQL NULL or JSON {@code null} becomes (null: kept)
   */
  record Col(
      String target, String source, Kind kind, boolean nullIsAdoptionTime, String jsonIfNull) {
    static Col of(String name, Kind kind) {
      return new Col(name, name, kind, false, null);
    }

    static Col from(String target, String source, Kind kind) {
      return new Col(target, source, kind, false, null);
    }

    /**
     * A JSON column whose SQL NULL or JSON {@code null} (Go marshals a nil slice so) becomes {@code
     * ifNull}: ours are NOT NULL and hold a list or an object.
     */
    static Col json(String name, String ifNull) {
      return new Col(name, name, Kind.JSON, false, ifNull);
    }

    static Col stamped(String name) {
      return new Col(name, name, Kind.TS, true, null);
    }

    static Col stampedFrom(String target, String source) {
      return new Col(target, source, Kind.TS, true, null);
    }
  }

  /**
   * Moves the rows.
   *
   * @return how many rows were moved
   * @throws AdoptionException naming the table and row when a value cannot be converted or stored
   */
  int move(Connection conn, String sourceQualifier, Dialect source, Dialect target, Instant now)
      throws SQLException {
    int moved = 0;
    try (PreparedStatement select = conn.prepareStatement(selectSql(sourceQualifier));
        PreparedStatement insert = conn.prepareStatement(insertSql(target));
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        String key = rowKey(rs);
        try {
          for (int i = 0; i < columns.size(); i++) {
            Col col = columns.get(i);
            Object value = read(rs, i + 1, col, source, now);
            SqlValues.write(insert, i + 1, ours(col.kind()), value, target);
          }
          insert.executeUpdate();
        } catch (SQLException | RuntimeException e) {
          throw new AdoptionException("table " + table + ", row " + key + ": " + e.getMessage(), e);
        }
        moved++;
      }
    }
    return moved;
  }

  private String selectSql(String qualifier) {
    StringJoiner cols = new StringJoiner(", ");
    columns.forEach(c -> cols.add(c.source()));
    keyColumns.forEach(cols::add);
    return "SELECT " + cols + " FROM " + qualifier + "." + table + where;
  }

  private String insertSql(Dialect target) {
    StringJoiner names = new StringJoiner(", ");
    StringJoiner values = new StringJoiner(", ");
    for (Col c : columns) {
      names.add(c.target());
      values.add(SqlValues.marker(ours(c.kind()), target));
    }
    return "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ")";
  }

  private String rowKey(ResultSet rs) throws SQLException {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < keyColumns.size(); i++) {
      parts.add(keyColumns.get(i) + "=" + rs.getString(columns.size() + 1 + i));
    }
    return String.join(", ", parts);
  }

  private static Object read(ResultSet rs, int i, Col col, Dialect source, Instant now)
      throws SQLException {
    Object value =
        switch (col.kind()) {
          case TEXT -> rs.getString(i);
          case SHA256 -> {
            String plain = rs.getString(i);
            yield plain == null ? null : TokenHasher.hash(plain);
          }
          case BOOL -> rs.getObject(i) == null ? null : rs.getBoolean(i);
          case INT -> rs.getObject(i) == null ? null : rs.getLong(i);
          case BYTES -> rs.getBytes(i);
          case JSON -> {
            if (source == Dialect.POSTGRES) {
              yield rs.getString(i);
            }
            byte[] bytes = rs.getBytes(i); // BLOB or TEXT in Pocket ID's SQLite schema
            yield bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
          }
          case TS -> timestamp(rs, i, col, source);
        };
    if (value == null && col.nullIsAdoptionTime()) {
      return now;
    }
    if (col.jsonIfNull() != null && (value == null || "null".equals(((String) value).trim()))) {
      return col.jsonIfNull();
    }
    return value;
  }

  private static Instant timestamp(ResultSet rs, int i, Col col, Dialect source)
      throws SQLException {
    if (source == Dialect.POSTGRES) {
      OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
      return t == null ? null : t.toInstant();
    }
    Object raw = rs.getObject(i);
    if (raw == null) {
      return null;
    }
    if (raw instanceof Integer || raw instanceof Long) {
      return Instant.ofEpochSecond(((Number) raw).longValue());
    }
    String text = raw.toString().trim();
    if (text.matches("-?[0-9]{1,12}")) {
      return Instant.ofEpochSecond(Long.parseLong(text));
    }
    try {
      return OffsetDateTime.parse(text, SQLITE_TEXT_TIME).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(text, SQLITE_TEXT_TIME).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException(
            "column " + col.source() + ": '" + text + "' is neither Unix seconds nor a date-time");
      }
    }
  }

  /** {@code 2024-05-01 10:00:00[.123456][+02:00]} or the ISO form with {@code T}. */
  private static final DateTimeFormatter SQLITE_TEXT_TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .toFormatter();

  /** How our column stores a value of this kind. */
  private static Column.Type ours(Kind kind) {
    return switch (kind) {
      case TEXT, SHA256 -> Column.Type.TEXT;
      case BOOL -> Column.Type.BOOLEAN;
      case INT -> Column.Type.INTEGER;
      case BYTES -> Column.Type.BYTES;
      case JSON -> Column.Type.JSON;
      case TS -> Column.Type.TIMESTAMP;
    };
  }
}

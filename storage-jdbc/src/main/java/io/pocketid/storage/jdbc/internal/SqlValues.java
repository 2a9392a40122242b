package io.pocketid.storage.jdbc.internal;

import io.pocketid.storage.jdbc.Column;
import io.pocketid.storage.jdbc.Dialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Values of our schema's columns in Java form and back, per dialect: timestamps are INTEGER
 * milliseconds on SQLite and timestamptz on PostgreSQL, JSON is TEXT or jsonb.
 */
public final class SqlValues {
  private SqlValues() {}

  /** The bind marker for a value of {@code type} ({@code CAST(? AS jsonb)} for PostgreSQL JSON). */
  public static String marker(Column.Type type, Dialect dialect) {
    return type == Column.Type.JSON && dialect == Dialect.POSTGRES ? "CAST(? AS jsonb)" : "?";
  }

  /** Reads column {@code i}; see {@link Column.Type} for the Java types. */
  public static Object read(ResultSet rs, int i, Column.Type type, Dialect dialect)
      throws SQLException {
    if (rs.getObject(i) == null) {
      return null;
    }
    return switch (type) {
      case TEXT, JSON -> rs.getString(i);
      case BOOLEAN -> rs.getBoolean(i);
      case INTEGER -> rs.getLong(i);
      case BYTES -> rs.getBytes(i);
      case TIMESTAMP ->
          dialect == Dialect.SQLITE
              ? Instant.ofEpochMilli(rs.getLong(i))
              : rs.getObject(i, OffsetDateTime.class).toInstant();
    };
  }

  /**
   * Binds {@code value} (of the Java type {@link Column.Type} names, or null) to marker {@code i}.
   */
  public static void write(
      PreparedStatement ps, int i, Column.Type type, Object value, Dialect dialect)
      throws SQLException {
    if (value == null) {
      ps.setNull(i, sqlType(type, dialect));
      return;
    }
    switch (type) {
      case TEXT, JSON -> ps.setString(i, (String) value);
      case BOOLEAN -> ps.setBoolean(i, (Boolean) value);
      case INTEGER -> ps.setLong(i, ((Number) value).longValue());
      case BYTES -> ps.setBytes(i, (byte[]) value);
      case TIMESTAMP -> {
        Instant t = (Instant) value;
        if (dialect == Dialect.SQLITE) {
          ps.setLong(i, t.toEpochMilli());
        } else {
          ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        }
      }
    }
  }

  private static int sqlType(Column.Type type, Dialect dialect) {
    return switch (type) {
      case TEXT, JSON -> Types.VARCHAR;
      case BOOLEAN -> Types.BOOLEAN;
      case INTEGER -> Types.BIGINT;
      case BYTES -> Types.BINARY;
      case TIMESTAMP -> dialect == Dialect.SQLITE ? Types.BIGINT : Types.TIMESTAMP_WITH_TIMEZONE;
    };
  }
}

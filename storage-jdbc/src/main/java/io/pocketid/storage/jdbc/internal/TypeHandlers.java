package io.pocketid.storage.jdbc.internal;

import io.pocketid.core.model.FederatedIdentity;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

/** MyBatis type handlers for the per-dialect representations described in the changelog. */
public final class TypeHandlers {
  private TypeHandlers() {}

  /** SQLite: {@link Instant} as INTEGER milliseconds since the epoch. */
  public static final class EpochMillis extends BaseTypeHandler<Instant> {
    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, Instant v, JdbcType t)
        throws SQLException {
      ps.setLong(i, v.toEpochMilli());
    }

    @Override
    public Instant getNullableResult(ResultSet rs, String column) throws SQLException {
      long v = rs.getLong(column);
      return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    @Override
    public Instant getNullableResult(ResultSet rs, int column) throws SQLException {
      long v = rs.getLong(column);
      return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    @Override
    public Instant getNullableResult(CallableStatement cs, int column) throws SQLException {
      long v = cs.getLong(column);
      return cs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
  }

  /** PostgreSQL: {@link Instant} as timestamptz. */
  public static final class TimestampTz extends BaseTypeHandler<Instant> {
    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, Instant v, JdbcType t)
        throws SQLException {
      ps.setObject(i, OffsetDateTime.ofInstant(v, ZoneOffset.UTC));
    }

    @Override
    public Instant getNullableResult(ResultSet rs, String column) throws SQLException {
      OffsetDateTime v = rs.getObject(column, OffsetDateTime.class);
      return v == null ? null : v.toInstant();
    }

    @Override
    public Instant getNullableResult(ResultSet rs, int column) throws SQLException {
      OffsetDateTime v = rs.getObject(column, OffsetDateTime.class);
      return v == null ? null : v.toInstant();
    }

    @Override
    public Instant getNullableResult(CallableStatement cs, int column) throws SQLException {
      OffsetDateTime v = cs.getObject(column, OffsetDateTime.class);
      return v == null ? null : v.toInstant();
    }
  }

  /** Base for JSON columns: written as text (the SQL casts it), read as text. */
  abstract static class JsonHandler<T> extends BaseTypeHandler<T> {
    abstract String write(T value);

    abstract T read(String json);

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, T v, JdbcType t)
        throws SQLException {
      ps.setString(i, write(v));
    }

    @Override
    public T getNullableResult(ResultSet rs, String column) throws SQLException {
      return read(rs.getString(column));
    }

    @Override
    public T getNullableResult(ResultSet rs, int column) throws SQLException {
      return read(rs.getString(column));
    }

    @Override
    public T getNullableResult(CallableStatement cs, int column) throws SQLException {
      return read(cs.getString(column));
    }
  }

  /** A JSON array of strings. */
  public static final class StringList extends JsonHandler<List<String>> {
    @Override
    String write(List<String> value) {
      return Json.stringList(value);
    }

    @Override
    List<String> read(String json) {
      return Json.parseStringList(json);
    }
  }

  /** A flat JSON object of strings. */
  public static final class StringMap extends JsonHandler<Map<String, String>> {
    @Override
    String write(Map<String, String> value) {
      return Json.stringMap(value);
    }

    @Override
    Map<String, String> read(String json) {
      return Json.parseStringMap(json);
    }
  }

  /** Pocket ID's client {@code credentials} object. */
  public static final class Credentials extends JsonHandler<List<FederatedIdentity>> {
    @Override
    String write(List<FederatedIdentity> value) {
      return Json.credentials(value);
    }

    @Override
    List<FederatedIdentity> read(String json) {
      return Json.parseCredentials(json);
    }
  }
}

package io.pocketid.server.internal.transfer;

import io.pocketid.storage.jdbc.Column;
import io.pocketid.storage.jdbc.transfer.TableData;
import io.pocketid.storage.jdbc.transfer.TransferException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Version 1 of the export file: {@code {"format":"pocket-id-jvm-export","version":1,
 * "exportedAt":"…","tables":[{"name":…,"columns":[{"name":…,"type":…}],"rows":[[…]]}]}}. Values:
 * text and JSON as strings (JSON kept as its text), booleans, integers as numbers, bytes as base64,
 * timestamps as RFC 3339 strings in UTC with the stored precision, SQL NULL as null.
 */
public final class StateFile {
  public static final String FORMAT = "pocket-id-jvm-export";
  public static final int VERSION = 1;

  private StateFile() {}

  /** Writes {@code tables} to {@code out} (not closed). */
  public static void write(List<TableData> tables, Instant exportedAt, OutputStream out) {
    JsonGenerator g = Json.createGenerator(out);
    g.writeStartObject()
        .write("format", FORMAT)
        .write("version", VERSION)
        .write("exportedAt", exportedAt.toString())
        .writeStartArray("tables");
    for (TableData t : tables) {
      g.writeStartObject().write("name", t.name()).writeStartArray("columns");
      for (Column c : t.columns()) {
        g.writeStartObject()
            .write("name", c.name())
            .write("type", c.type().name().toLowerCase(Locale.ROOT))
            .writeEnd();
      }
      g.writeEnd().writeStartArray("rows");
      for (List<Object> row : t.rows()) {
        g.writeStartArray();
        for (int i = 0; i < row.size(); i++) {
          writeValue(g, t.columns().get(i).type(), row.get(i));
        }
        g.writeEnd();
      }
      g.writeEnd().writeEnd();
    }
    g.writeEnd().writeEnd();
    g.flush();
  }

  private static void writeValue(JsonGenerator g, Column.Type type, Object v) {
    if (v == null) {
      g.writeNull();
      return;
    }
    switch (type) {
      case TEXT, JSON -> g.write((String) v);
      case BOOLEAN -> g.write((Boolean) v);
      case INTEGER -> g.write(((Number) v).longValue());
      case BYTES -> g.write(Base64.getEncoder().encodeToString((byte[]) v));
      case TIMESTAMP -> g.write(v.toString());
    }
  }

  /**
   * Reads a file written by {@link #write}.
   *
   * @throws TransferException when it is not such a file, is of a later version, or a value does
   *     not fit its column (naming where)
   */
  public static List<TableData> read(InputStream in) throws IOException {
    JsonObject root;
    try (JsonReader reader = Json.createReader(in)) {
      root = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new TransferException("not an export file (invalid JSON): " + e.getMessage(), e);
    }
    if (!FORMAT.equals(root.getString("format", null))) {
      throw new TransferException("not an export file: \"format\" is not \"" + FORMAT + "\"");
    }
    int version = root.getInt("version", -1);
    if (version != VERSION) {
      throw new TransferException(
          "export file version "
              + version
              + ": this server reads version "
              + VERSION
              + "; use the release that wrote it");
    }
    List<TableData> tables = new ArrayList<>();
    for (JsonValue tv : root.getJsonArray("tables")) {
      tables.add(table(tv.asJsonObject()));
    }
    return tables;
  }

  private static TableData table(JsonObject t) {
    String name = t.getString("name");
    List<Column> columns = new ArrayList<>();
    for (JsonValue cv : t.getJsonArray("columns")) {
      JsonObject c = cv.asJsonObject();
      String type = c.getString("type");
      try {
        columns.add(
            new Column(c.getString("name"), Column.Type.valueOf(type.toUpperCase(Locale.ROOT))));
      } catch (IllegalArgumentException e) {
        throw new TransferException("table " + name + ": unknown column type \"" + type + "\"");
      }
    }
    List<List<Object>> rows = new ArrayList<>();
    JsonArray jsonRows = t.getJsonArray("rows");
    for (int r = 0; r < jsonRows.size(); r++) {
      JsonArray jr = jsonRows.getJsonArray(r);
      if (jr.size() != columns.size()) {
        throw new TransferException(
            "table "
                + name
                + ", row "
                + (r + 1)
                + ": "
                + jr.size()
                + " values for "
                + columns.size()
                + " columns");
      }
      List<Object> row = new ArrayList<>(columns.size());
      for (int i = 0; i < columns.size(); i++) {
        try {
          row.add(value(columns.get(i).type(), jr.get(i)));
        } catch (ClassCastException
            | IllegalArgumentException
            | ArithmeticException
            | DateTimeParseException e) {
          throw new TransferException(
              "table "
                  + name
                  + ", row "
                  + (r + 1)
                  + ", column "
                  + columns.get(i).name()
                  + ": not a "
                  + columns.get(i).type().name().toLowerCase(Locale.ROOT)
                  + " value");
        }
      }
      rows.add(row);
    }
    return new TableData(name, columns, rows);
  }

  private static Object value(Column.Type type, JsonValue v) {
    if (v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    return switch (type) {
      case TEXT, JSON -> ((JsonString) v).getString();
      case BOOLEAN -> {
        if (v.getValueType() == JsonValue.ValueType.TRUE
            || v.getValueType() == JsonValue.ValueType.FALSE) {
          yield v.getValueType() == JsonValue.ValueType.TRUE;
        }
        throw new IllegalArgumentException("not a boolean");
      }
      case INTEGER -> ((JsonNumber) v).longValueExact();
      case BYTES -> Base64.getDecoder().decode(((JsonString) v).getString());
      case TIMESTAMP -> Instant.parse(((JsonString) v).getString());
    };
  }
}

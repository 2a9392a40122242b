package io.pocketid.storage.jdbc.transfer;

import io.pocketid.storage.jdbc.Column;
import io.pocketid.storage.jdbc.internal.SchemaMigrator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our tables and the type of each column, read from the changelog's {@code CREATE TABLE} and {@code
 * ALTER TABLE … ADD COLUMN} statements (the single place the schema is written down): on SQLite a
 * timestamp is an INTEGER like a count, so the database's own metadata cannot tell them apart.
 * Tables come in the order they are created (parents before children).
 */
final class SchemaColumns {
  private static final Pattern CREATE =
      Pattern.compile("CREATE TABLE (\\w+) \\((.*?)\\n\\s*\\);", Pattern.DOTALL);
  private static final Pattern ADD =
      Pattern.compile("ALTER TABLE (\\w+) ADD COLUMN (\\w+) (\\S+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern COLUMN = Pattern.compile("^\\s*(\\w+)\\s+([^\\s,]+)");
  private static final Set<String> NOT_COLUMNS =
      Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "REFERENCES");

  private SchemaColumns() {}

  /** Table → its columns, in creation order. */
  static Map<String, List<Column>> read() {
    String changelog = changelogText();
    Map<String, Map<String, Column.Type>> tables = new LinkedHashMap<>();
    Matcher create = CREATE.matcher(changelog);
    while (create.find()) {
      Map<String, Column.Type> columns =
          tables.computeIfAbsent(create.group(1), t -> new LinkedHashMap<>());
      for (String line : create.group(2).split("\n")) {
        Matcher m = COLUMN.matcher(line);
        if (m.find() && !NOT_COLUMNS.contains(m.group(1).toUpperCase(Locale.ROOT))) {
          put(columns, m.group(1), m.group(2));
        }
      }
    }
    Matcher add = ADD.matcher(changelog);
    while (add.find()) {
      Map<String, Column.Type> columns = tables.get(add.group(1));
      if (columns != null) {
        put(columns, add.group(2), add.group(3));
      }
    }
    Map<String, List<Column>> result = new LinkedHashMap<>();
    tables.forEach(
        (table, columns) -> {
          List<Column> list = new ArrayList<>();
          columns.forEach((name, type) -> list.add(new Column(name, type)));
          result.put(table, List.copyOf(list));
        });
    return result;
  }

  private static void put(Map<String, Column.Type> columns, String name, String declared) {
    Column.Type type = type(declared);
    Column.Type before = columns.get(name);
    // A dialect-specific changeset may declare a timestamp as INTEGER (SQLite) and timestamptz.
    if (before == null || before == Column.Type.INTEGER) {
      columns.put(name, type);
    }
  }

  private static Column.Type type(String declared) {
    String d = declared.replace(";", "").toUpperCase(Locale.ROOT);
    return switch (d) {
      case "${TS}", "TIMESTAMPTZ" -> Column.Type.TIMESTAMP;
      case "${BYTES}", "BYTEA", "BLOB" -> Column.Type.BYTES;
      case "${JSON}", "JSONB" -> Column.Type.JSON;
      case "BOOLEAN" -> Column.Type.BOOLEAN;
      case "INTEGER", "BIGINT", "INT" -> Column.Type.INTEGER;
      default -> Column.Type.TEXT;
    };
  }

  private static String changelogText() {
    try (InputStream in =
        SchemaColumns.class.getClassLoader().getResourceAsStream(SchemaMigrator.CHANGELOG)) {
      if (in == null) {
        throw new IllegalStateException("changelog resource missing: " + SchemaMigrator.CHANGELOG);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

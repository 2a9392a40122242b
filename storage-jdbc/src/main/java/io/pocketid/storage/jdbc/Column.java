package io.pocketid.storage.jdbc;

import java.util.Objects;

/**
 * A column of an exported table.
 *
 * @param name the column name
 * @param type how its values are represented
 */
public record Column(String name, Type type) {
  /**
   * Value representations: TEXT and JSON {@link String}, BOOLEAN {@link Boolean}, INTEGER {@link
   * Long}, BYTES {@code byte[]}, TIMESTAMP {@link java.time.Instant}; null for SQL NULL.
   */
  public enum Type {
    TEXT,
    JSON,
    BOOLEAN,
    INTEGER,
    BYTES,
    TIMESTAMP
  }

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}

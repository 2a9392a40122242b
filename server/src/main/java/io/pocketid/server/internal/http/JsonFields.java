package io.pocketid.server.internal.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * Field access on a request object with Go {@code encoding/json} semantics: an exact name match
 * wins, otherwise the first case-insensitive match; {@code null} or absent gives {@code null};
 * unknown fields are ignored.
 */
public final class JsonFields {
  private final JsonObject object;

  JsonFields(JsonObject object) {
    this.object = object;
  }

  /**
   * @return the string value, or {@code null} when absent or JSON null
   * @throws BadRequestException when the value is not a string
   */
  public String string(String name) {
    JsonValue value = find(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonString text) {
      return text.getString();
    }
    throw new BadRequestException(
        "Invalid request body: " + name + " must be a string, got " + typeName(value));
  }

  private JsonValue find(String name) {
    JsonValue exact = object.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  static String typeName(JsonValue value) {
    return switch (value.getValueType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case TRUE, FALSE -> "a boolean";
      case NULL -> "null";
    };
  }
}

package io.pocketid.server.internal.http;

import io.undertow.server.RequestTooBigException;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one JSON request reader: a body that must be one JSON object of at most {@link #MAX_BYTES}
 * (an empty body reads as {@code {}}, so the missing fields are named by the validation that
 * follows), within {@link JsonLimits}. Fields bind with Go {@code encoding/json} semantics: an
 * exact name wins, else the first case-insensitive match; absent or {@code null} gives null;
 * unknown fields are ignored; a wrong type is a 400 naming the field.
 */
public final class JsonBody {
  /** Largest JSON body read (1 MiB). */
  public static final int MAX_BYTES = 1024 * 1024;

  private static final JsonReaderFactory READERS =
      JsonProvider.provider().createReaderFactory(Map.of());

  private final JsonObject object;

  private JsonBody(JsonObject object) {
    this.object = object;
  }

  /**
   * @throws BadRequestException 400 for anything but one JSON object, 413 when too large
   */
  public static JsonBody read(InputStream body) {
    JsonValue value = parse(body);
    if (!(value instanceof JsonObject found)) {
      throw new BadRequestException(
          "Invalid request body: expected a JSON object, got " + typeName(value));
    }
    return new JsonBody(found);
  }

  /**
   * A body that is a JSON array of objects (an empty body reads as an empty array).
   *
   * @throws BadRequestException 400 for anything else, 413 when too large
   */
  public static List<JsonBody> readArray(InputStream body) {
    JsonValue value = parse(body);
    if (value instanceof JsonObject found && found.isEmpty()) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new BadRequestException(
          "Invalid request body: expected a JSON array, got " + typeName(value));
    }
    return objectsOf("body", array);
  }

  private static JsonValue parse(InputStream body) {
    byte[] bytes;
    try {
      bytes = body.readNBytes(MAX_BYTES + 1);
    } catch (RequestTooBigException e) {
      throw new BadRequestException(413, "Request body too large");
    } catch (IOException e) {
      // Undertow's message (e.g. "UT000020: Connection terminated ...") is not for clients.
      throw new BadRequestException("Invalid request body: it could not be read");
    }
    if (bytes.length > MAX_BYTES) {
      throw new BadRequestException(413, "Request body too large");
    }
    if (bytes.length == 0) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    JsonLimits.check(bytes);
    try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(bytes))) {
      return reader.readValue();
    } catch (JsonParsingException e) {
      // The position only: the parser's own message lists its internal token names.
      throw new BadRequestException("Invalid JSON" + where(e.getLocation()));
    } catch (JsonException e) {
      throw new BadRequestException("Invalid JSON");
    }
  }

  /** A number as a long (fractions cut off); null when absent, JSON null or not a number. */
  public Long number(String... names) {
    JsonValue value = first(names);
    return value instanceof JsonNumber n ? n.longValue() : null;
  }

  /**
   * Every field, each of which must be a string (JSON null reads as an empty string), in the order
   * sent.
   *
   * @throws BadRequestException naming the first field that is not a string
   */
  public Map<String, String> stringFields() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
      JsonValue value = entry.getValue();
      if (isNull(value)) {
        out.put(entry.getKey(), "");
      } else if (value instanceof JsonString text) {
        out.put(entry.getKey(), text.getString());
      } else {
        throw wrongType(entry.getKey(), "a string", value);
      }
    }
    return out;
  }

  /** Whether any of the names is present (also as JSON null). */
  public boolean has(String... names) {
    return first(names) != null;
  }

  /** The first of the names present as a string; null when absent or JSON null. */
  public String string(String... names) {
    JsonValue value = first(names);
    if (isNull(value)) {
      return null;
    }
    if (value instanceof JsonString text) {
      return text.getString();
    }
    throw wrongType(names[0], "a string", value);
  }

  /** A boolean; null when absent or JSON null. */
  public Boolean bool(String... names) {
    JsonValue value = first(names);
    if (isNull(value)) {
      return null;
    }
    if (value.getValueType() == JsonValue.ValueType.TRUE) {
      return true;
    }
    if (value.getValueType() == JsonValue.ValueType.FALSE) {
      return false;
    }
    throw wrongType(names[0], "a boolean", value);
  }

  /** Whether the boolean is present and true. */
  public boolean isTrue(String... names) {
    return Boolean.TRUE.equals(bool(names));
  }

  /** A list of strings; null when absent or JSON null. */
  public List<String> strings(String... names) {
    JsonValue value = first(names);
    if (isNull(value)) {
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      throw wrongType(names[0], "an array", value);
    }
    List<String> out = new ArrayList<>();
    for (JsonValue item : array) {
      if (!(item instanceof JsonString s)) {
        throw new BadRequestException(
            "Invalid request body: " + names[0] + " must contain strings");
      }
      out.add(s.getString());
    }
    return out;
  }

  /** A nested object; null when absent or JSON null. */
  public JsonBody object(String... names) {
    JsonValue value = first(names);
    if (isNull(value)) {
      return null;
    }
    if (!(value instanceof JsonObject nested)) {
      throw wrongType(names[0], "an object", value);
    }
    return new JsonBody(nested);
  }

  /** A list of objects; null when absent or JSON null. */
  public List<JsonBody> objects(String... names) {
    JsonValue value = first(names);
    if (isNull(value)) {
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      throw wrongType(names[0], "an array", value);
    }
    return objectsOf(names[0], array);
  }

  private static List<JsonBody> objectsOf(String name, JsonArray array) {
    List<JsonBody> out = new ArrayList<>();
    for (JsonValue item : array) {
      if (!(item instanceof JsonObject nested)) {
        throw new BadRequestException("Invalid request body: " + name + " must contain objects");
      }
      out.add(new JsonBody(nested));
    }
    return out;
  }

  private static boolean isNull(JsonValue value) {
    return value == null || value.getValueType() == JsonValue.ValueType.NULL;
  }

  private static BadRequestException wrongType(String name, String expected, JsonValue value) {
    return new BadRequestException(
        "Invalid request body: " + name + " must be " + expected + ", got " + typeName(value));
  }

  private JsonValue first(String... names) {
    for (String name : names) {
      JsonValue value = find(name);
      if (value != null) {
        return value;
      }
    }
    return null;
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

  private static String where(JsonLocation location) {
    return location == null || location.getLineNumber() < 0
        ? ""
        : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
  }
}

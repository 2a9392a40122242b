package io.pocketid.server.internal.oidc;

import io.pocketid.server.internal.http.BadRequestException;
import io.pocketid.server.internal.http.JsonLimits;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON request object read with Go {@code encoding/json} name matching (exact first, then
 * case-insensitive), so both {@code clientId} and {@code clientID} bind; wrong types are a 400.
 */
final class JsonIn {
  private static final int MAX_BYTES = 1024 * 1024;
  private static final JsonProvider PROVIDER = JsonProvider.provider();

  private final JsonObject object;

  private JsonIn(JsonObject object) {
    this.object = object;
  }

  static JsonIn read(InputStream body) {
    byte[] bytes;
    try {
      bytes = body.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new BadRequestException("Invalid request body");
    }
    if (bytes.length > MAX_BYTES) {
      throw new BadRequestException(413, "Request body too large");
    }
    if (bytes.length == 0) {
      return new JsonIn(JsonValue.EMPTY_JSON_OBJECT);
    }
    JsonLimits.check(bytes);
    try (JsonReader reader = PROVIDER.createReader(new ByteArrayInputStream(bytes))) {
      JsonValue value = reader.readValue();
      if (value instanceof JsonObject o) {
        return new JsonIn(o);
      }
    } catch (JsonException e) {
      throw new BadRequestException("Invalid JSON");
    }
    throw new BadRequestException("Invalid request body: expected a JSON object");
  }

  boolean has(String... names) {
    for (String name : names) {
      if (find(name) != null) {
        return true;
      }
    }
    return false;
  }

  /** The first of the names present; null when absent or JSON null. */
  String string(String... names) {
    JsonValue value = first(names);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonString s) {
      return s.getString();
    }
    throw new BadRequestException(names[0] + " must be a string");
  }

  Boolean bool(String... names) {
    JsonValue value = first(names);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
      return value == JsonValue.TRUE;
    }
    if (value.getValueType() == JsonValue.ValueType.TRUE) {
      return true;
    }
    if (value.getValueType() == JsonValue.ValueType.FALSE) {
      return false;
    }
    throw new BadRequestException(names[0] + " must be a boolean");
  }

  /** A list of strings; null when absent or JSON null. */
  List<String> strings(String... names) {
    JsonValue value = first(names);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      throw new BadRequestException(names[0] + " must be an array");
    }
    List<String> out = new ArrayList<>();
    for (JsonValue item : array) {
      if (!(item instanceof JsonString s)) {
        throw new BadRequestException(names[0] + " must contain strings");
      }
      out.add(s.getString());
    }
    return out;
  }

  /** A nested object; null when absent or JSON null. */
  JsonIn object(String... names) {
    JsonValue value = first(names);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonObject o)) {
      throw new BadRequestException(names[0] + " must be an object");
    }
    return new JsonIn(o);
  }

  /** A list of objects; null when absent or JSON null. */
  List<JsonIn> objects(String... names) {
    JsonValue value = first(names);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      throw new BadRequestException(names[0] + " must be an array");
    }
    List<JsonIn> out = new ArrayList<>();
    for (JsonValue item : array) {
      if (!(item instanceof JsonObject o)) {
        throw new BadRequestException(names[0] + " must contain objects");
      }
      out.add(new JsonIn(o));
    }
    return out;
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
}

package io.pocketid.server.internal.http;

import io.undertow.server.RequestTooBigException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * JSON in and out. Output goes through JSON-B (Yasson) with nulls written, as Go writes them. Input
 * is read as a JSON-P object and bound field by field by {@link JsonFields}, matching names
 * case-insensitively like Go's {@code encoding/json} and rejecting wrong types with a message.
 *
 * <p>Creating one costs a few hundred milliseconds on a cold JVM, so the server builds it in the
 * background at start-up, off the {@code /healthz} path.
 */
public final class JsonCodec {
  /** Largest JSON body read (1 MiB). */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  private final Jsonb jsonb;
  private final JsonReaderFactory readers;

  private JsonCodec(Jsonb jsonb, JsonReaderFactory readers) {
    this.jsonb = jsonb;
    this.readers = readers;
  }

  public static JsonCodec create() {
    Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true));
    JsonCodec codec = new JsonCodec(jsonb, JsonProvider.provider().createReaderFactory(Map.of()));
    // Warm up the first write and read so the first real request does not pay for it.
    codec.write(new UserDto("", "", null, "", "", "", false, null, ""));
    codec.readObject(new ByteArrayInputStream("{\"a\":\"b\"}".getBytes()));
    return codec;
  }

  public String write(Object value) {
    return jsonb.toJson(value);
  }

  /**
   * Reads a body that must be one JSON object of at most {@link #MAX_BODY_BYTES}.
   *
   * @throws BadRequestException when it is not
   */
  public JsonFields readObject(InputStream body) {
    byte[] bytes;
    try {
      bytes = body.readNBytes(MAX_BODY_BYTES + 1);
    } catch (RequestTooBigException e) {
      throw new BadRequestException(413, "Request body too large");
    } catch (IOException e) {
      // Undertow's message (e.g. "UT000020: Connection terminated ...") is not for clients.
      throw new BadRequestException("Invalid request body: it could not be read");
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw new BadRequestException(413, "Request body too large");
    }
    if (bytes.length == 0) {
      throw new BadRequestException("Invalid request body: empty");
    }
    JsonLimits.check(bytes);
    JsonValue value;
    try (JsonReader reader = readers.createReader(new ByteArrayInputStream(bytes))) {
      value = reader.readValue();
    } catch (JsonParsingException e) {
      // The position only: the parser's own message lists its internal token names.
      throw new BadRequestException("Invalid JSON" + where(e.getLocation()));
    } catch (jakarta.json.JsonException e) {
      throw new BadRequestException("Invalid JSON");
    }
    if (!(value instanceof JsonObject object)) {
      throw new BadRequestException(
          "Invalid request body: expected a JSON object, got " + JsonFields.typeName(value));
    }
    return new JsonFields(object);
  }

  private static String where(JsonLocation location) {
    return location == null || location.getLineNumber() < 0
        ? ""
        : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
  }
}

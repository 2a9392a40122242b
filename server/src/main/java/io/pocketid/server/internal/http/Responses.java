package io.pocketid.server.internal.http;

import io.pocketid.core.json.JsonWriter;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** JSON responses, and Pocket ID's error body {@code {"error":"..."}}. */
public final class Responses {
  public static final String JSON = "application/json; charset=utf-8";

  private Responses() {}

  public static void error(HttpServerExchange exchange, int status, String message) {
    json(exchange, status, "{\"error\":" + quote(message) + "}");
  }

  public static void json(HttpServerExchange exchange, int status, String body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
    ByteBuffer bytes = ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8));
    if (!IoThreadReply.keep(exchange, bytes)) {
      exchange.getResponseSender().send(bytes);
    }
  }

  /** Whether this request's answer was written (sent, or kept for the I/O thread). */
  public static boolean answered(HttpServerExchange exchange) {
    return IoThreadReply.answered(exchange);
  }

  /** {@code value} written by the one JSON writer ({@link JsonWriter}). */
  public static void write(HttpServerExchange exchange, int status, Object value) {
    json(exchange, status, JsonWriter.write(value));
  }

  /** A JSON string literal. */
  public static String quote(String text) {
    return JsonWriter.quote(text);
  }

  /** 204 No Content. */
  public static void noContent(HttpServerExchange exchange) {
    exchange.setStatusCode(204);
    exchange.endExchange();
  }
}

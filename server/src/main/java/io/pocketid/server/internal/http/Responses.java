package io.pocketid.server.internal.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Writes Pocket ID's error body {@code {"error":"..."}} without needing the JSON-B runtime. */
public final class Responses {
  public static final String JSON = "application/json; charset=utf-8";

  private Responses() {}

  public static void error(HttpServerExchange exchange, int status, String message) {
    json(exchange, status, "{\"error\":" + quote(message) + "}");
  }

  public static void json(HttpServerExchange exchange, int status, String body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
    exchange.getResponseSender().send(body);
  }

  /** A JSON string literal. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}

package io.pocketid.server.internal.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;

/** The UI's static files, held in memory (a few kilobytes), cached by browsers for a day. */
public final class StaticFiles {
  private static final Map<String, String> TYPES =
      Map.of(
          "app.css", "text/css; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8",
          "console.js", "text/javascript; charset=utf-8",
          "logo.svg", "image/svg+xml");

  private final Map<String, byte[]> files;

  public StaticFiles() {
    java.util.HashMap<String, byte[]> loaded = new java.util.HashMap<>();
    for (String name : TYPES.keySet()) {
      try (InputStream in =
          StaticFiles.class.getResourceAsStream("/io/pocketid/server/static/" + name)) {
        if (in == null) {
          throw new IllegalStateException("missing static file " + name);
        }
        loaded.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    this.files = Map.copyOf(loaded);
  }

  /** {@code GET /static/<name>}. */
  public void serve(HttpServerExchange exchange) {
    String name = exchange.getRelativePath().substring("/static/".length());
    byte[] body = files.get(name);
    if (body == null) {
      exchange.setStatusCode(StatusCodes.NOT_FOUND);
      exchange.endExchange();
      return;
    }
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, TYPES.get(name));
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "public, max-age=86400");
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }
}

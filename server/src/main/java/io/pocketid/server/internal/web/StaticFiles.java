package io.pocketid.server.internal.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The UI's static files, held in memory (a few kilobytes). Pages link them with {@code ?v=} and the
 * files' {@link #version}: such a URL is cached for a year, any other is revalidated each time.
 */
public final class StaticFiles {
  private static final Map<String, String> TYPES =
      Map.of(
          "app.css", "text/css; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8",
          "console.js", "text/javascript; charset=utf-8",
          "logo.svg", "image/svg+xml");

  private final Map<String, byte[]> files;
  private final String version;

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
    this.version = versionOf(files);
  }

  /**
   * The version of these files (a hash of their contents) that pages put in their URLs: a new
   * release changes it, so browsers fetch the new script at once.
   */
  public String version() {
    return version;
  }

  /** The bytes of a file (the built-in logo for the application images). */
  public byte[] bytes(String name) {
    byte[] body = files.get(name);
    if (body == null) {
      throw new IllegalArgumentException("no static file " + name);
    }
    return body.clone();
  }

  private static String versionOf(Map<String, byte[]> files) {
    try {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      for (String name : new java.util.TreeSet<>(files.keySet())) {
        digest.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update(files.get(name));
      }
      return java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
    java.util.Deque<String> asked = exchange.getQueryParameters().get("v");
    boolean current = asked != null && version.equals(asked.peekFirst());
    exchange
        .getResponseHeaders()
        .put(Headers.CACHE_CONTROL, current ? "public, max-age=31536000, immutable" : "no-cache");
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }
}

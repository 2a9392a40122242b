package io.pocketid.server.internal.http;

import io.pocketid.oidc.OAuthError;
import io.pocketid.oidc.OAuthException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code application/x-www-form-urlencoded} bodies of protocol requests into every value of
 * every name (so the protocol classes can refuse repeated parameters, RFC 6749 §3.1), with a size
 * limit.
 */
public final class FormBody {
  /** Largest protocol form accepted (64 KiB): an authorization or token request is far smaller. */
  public static final int MAX_BYTES = 64 * 1024;

  private FormBody() {}

  /**
   * The form parameters of a POST.
   *
   * @throws OAuthException invalid_request (413 for a body over {@link #MAX_BYTES}, 400 for a wrong
   *     content type or malformed encoding)
   */
  public static Map<String, List<String>> read(HttpServerExchange exchange) throws OAuthException {
    String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    long declared = exchange.getRequestContentLength();
    if (declared > MAX_BYTES) {
      throw tooLarge();
    }
    byte[] bytes;
    try {
      bytes = exchange.getInputStream().readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw OAuthException.badRequest(OAuthError.invalidRequest("unreadable request body"));
    }
    if (bytes.length > MAX_BYTES) {
      throw tooLarge();
    }
    if (bytes.length == 0) {
      return new LinkedHashMap<>();
    }
    if (type == null
        || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw OAuthException.badRequest(
          OAuthError.invalidRequest("the body must be application/x-www-form-urlencoded"));
    }
    return parse(new String(bytes, StandardCharsets.UTF_8));
  }

  /** Parses a form-encoded string (also a raw query string). */
  public static Map<String, List<String>> parse(String encoded) throws OAuthException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return out;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.computeIfAbsent(decode(name), k -> new ArrayList<>()).add(decode(value));
      } catch (IllegalArgumentException e) {
        throw OAuthException.badRequest(OAuthError.invalidRequest("malformed form encoding"));
      }
    }
    return out;
  }

  /** Undertow's decoded query parameters, every value of every name. */
  public static Map<String, List<String>> query(HttpServerExchange exchange) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Deque<String>> entry : exchange.getQueryParameters().entrySet()) {
      out.put(entry.getKey(), new ArrayList<>(entry.getValue()));
    }
    return out;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static OAuthException tooLarge() {
    return new OAuthException(
        OAuthError.invalidRequest("the request body is too large"), 413, null);
  }
}

package io.pocketid.server.internal.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * The one place that writes a {@code Location} header. Undertow writes each character of a header
 * value as its low byte, so a value is sent only when it is printable ASCII: then the bytes on the
 * wire are the characters that were validated (security finding 1). Targets are put in that form
 * before they are checked ({@code RedirectUris.normalize}, {@code normalizeLocal}); a value that is
 * not is a programming error and fails the request instead of redirecting somewhere else.
 */
public final class Redirects {
  private Redirects() {}

  /** {@code 302 Found} to {@code location}. */
  public static void found(HttpServerExchange exchange, String location) {
    send(exchange, StatusCodes.FOUND, location);
  }

  /**
   * A redirect with {@code status} to {@code location}: an absolute URL as it is, an application
   * path ({@code /login}) under the application's {@link BasePath}.
   *
   * @throws IllegalArgumentException when {@code location} is not printable ASCII
   */
  public static void send(HttpServerExchange exchange, int status, String location) {
    if (!isWireSafe(location)) {
      throw new IllegalArgumentException("redirect target is not printable ASCII");
    }
    String target =
        location.startsWith("/") && !location.startsWith("//")
            ? BasePath.url(exchange, location)
            : location;
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.LOCATION, target);
    exchange.endExchange();
  }

  /** Whether every character of {@code value} is printable ASCII (no space, no control). */
  public static boolean isWireSafe(String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }
}

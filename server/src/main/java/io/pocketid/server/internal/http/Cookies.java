package io.pocketid.server.internal.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;
import java.time.Duration;
import java.util.Optional;

/**
 * The cookies the server sets, named as Pocket ID names them: with an https APP_URL they carry the
 * {@code __Host-} prefix and {@code Secure}; with http (local use) neither, so browsers keep them.
 * All are HttpOnly, no Domain, SameSite=Lax (Strict for the CSRF cookie), with the path of APP_URL.
 */
public final class Cookies {
  /** The browser session. */
  public static final String SESSION = "access_token";

  /** A pending WebAuthn ceremony (60 s). */
  public static final String CEREMONY = "session";

  /** The CSRF token of server-rendered forms. */
  public static final String CSRF = "csrf_token";

  private final boolean secure;
  private final String path;

  public Cookies(String appUrl) {
    this.secure = appUrl.startsWith("https://");
    String base = BasePath.ofAppUrl(appUrl);
    this.path = base.isEmpty() ? "/" : base;
  }

  /**
   * The cookie's name on the wire: on https {@code __Host-} at the root (which requires {@code
   * Path=/}), {@code __Secure-} under a sub-path, whose cookies are kept to that path so other
   * applications on the same host never receive them.
   */
  public String name(String base) {
    if (!secure) {
      return base;
    }
    return (path.equals("/") ? "__Host-" : "__Secure-") + base;
  }

  public Optional<String> read(HttpServerExchange exchange, String base) {
    Cookie cookie = exchange.getRequestCookie(name(base));
    return cookie == null || cookie.getValue().isEmpty()
        ? Optional.empty()
        : Optional.of(cookie.getValue());
  }

  public void set(HttpServerExchange exchange, String base, String value, Duration maxAge) {
    exchange.setResponseCookie(
        new CookieImpl(name(base), value)
            .setPath(path)
            .setHttpOnly(true)
            .setSecure(secure)
            .setSameSiteMode(base.equals(CSRF) ? "Strict" : "Lax")
            .setMaxAge((int) maxAge.toSeconds()));
  }

  public void clear(HttpServerExchange exchange, String base) {
    exchange.setResponseCookie(
        new CookieImpl(name(base), "")
            .setPath(path)
            .setHttpOnly(true)
            .setSecure(secure)
            .setSameSiteMode("Lax")
            .setMaxAge(0));
  }
}

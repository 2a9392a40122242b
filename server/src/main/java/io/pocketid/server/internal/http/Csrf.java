package io.pocketid.server.internal.http;

import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.security.TokenHasher;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one CSRF protection of every page form: a random token in a cookie (double submit), echoed in
 * a {@code csrf} form field and compared in constant time, plus no foreign {@code Origin}.
 */
public final class Csrf {
  /** The form field that carries the token. */
  public static final String FIELD = "csrf";

  private static final int TOKEN_LENGTH = 43;
  private static final Duration LIFETIME = Duration.ofHours(12);

  private final Cookies cookies;
  private final String appOrigin;
  private final RandomTokens random;

  /**
   * @param appUrl the application URL; forms must come from its origin (scheme, host and port)
   */
  public Csrf(Cookies cookies, String appUrl, RandomTokens random) {
    this.cookies = cookies;
    this.appOrigin = BasePath.originOfAppUrl(appUrl);
    this.random = random;
  }

  /** The token for this browser: the cookie's value, set when missing. */
  public String token(HttpServerExchange exchange) {
    Optional<String> existing =
        cookies.read(exchange, Cookies.CSRF).filter(v -> v.length() == TOKEN_LENGTH);
    if (existing.isPresent()) {
      return existing.get();
    }
    String token = random.urlSafe(32);
    cookies.set(exchange, Cookies.CSRF, token, LIFETIME);
    return token;
  }

  /** Whether a submitted form carries this browser's token (once) and no foreign Origin. */
  public boolean valid(HttpServerExchange exchange, Map<String, List<String>> form) {
    String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
    if (origin != null && !appOrigin.equals(origin)) {
      return false;
    }
    Optional<String> cookie = cookies.read(exchange, Cookies.CSRF);
    List<String> field = form.get(FIELD);
    return cookie.isPresent()
        && field != null
        && field.size() == 1
        && TokenHasher.constantTimeEquals(field.get(0), cookie.get());
  }
}

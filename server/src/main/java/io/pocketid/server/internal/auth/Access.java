package io.pocketid.server.internal.auth;

import io.pocketid.server.internal.http.BadRequestException;
import io.pocketid.server.internal.http.Redirects;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Who is calling, and the one set of checks every handler uses to require it. */
public final class Access {
  static final String NOT_SIGNED_IN = "You are not signed in";
  static final String NEEDS_SESSION =
      "This endpoint needs a browser session; an API key cannot use it";
  static final String NOT_ADMIN = "You don't have permission to perform this action";

  private final RequestAuth auth;

  public Access(RequestAuth auth) {
    this.auth = auth;
  }

  /** The caller: a browser session or an API key's owner. */
  public Optional<Principal> principal(HttpServerExchange exchange) {
    return auth.principal(exchange);
  }

  /** The caller when signed in with a browser session (API keys do not count). */
  public Optional<Principal> browserSession(HttpServerExchange exchange) {
    return auth.principal(exchange).filter(p -> !p.viaApiKey());
  }

  /** The signed-in user (session or API key), or 401 "You are not signed in". */
  public Principal requireUser(HttpServerExchange exchange) {
    return principal(exchange)
        .orElseThrow(() -> new BadRequestException(StatusCodes.UNAUTHORIZED, NOT_SIGNED_IN));
  }

  /**
   * The signed-in user of a browser session, or 401; an API key gets 403: keys act on data, they
   * never start or extend an interactive session, authorize clients, mint sign-in codes or register
   * passkeys.
   */
  public Principal requireSession(HttpServerExchange exchange) {
    Principal principal = requireUser(exchange);
    if (principal.viaApiKey()) {
      throw new BadRequestException(StatusCodes.FORBIDDEN, NEEDS_SESSION);
    }
    return principal;
  }

  /** An admin (session or an admin's API key); 401/403 otherwise. */
  public Principal requireAdmin(HttpServerExchange exchange) {
    Principal principal = requireUser(exchange);
    if (!principal.user().admin()) {
      throw new BadRequestException(StatusCodes.FORBIDDEN, NOT_ADMIN);
    }
    return principal;
  }

  /**
   * For pages: the browser session, or a redirect to {@code /login} that comes back to {@code back}
   * (a local path) and empty.
   */
  public Optional<Principal> sessionOrLogin(HttpServerExchange exchange, String back) {
    Optional<Principal> principal = browserSession(exchange);
    if (principal.isEmpty()) {
      Redirects.found(
          exchange, "/login?redirect=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
    }
    return principal;
  }
}

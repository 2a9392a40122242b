package io.pocketid.server.internal.api;

import io.pocketid.core.auth.SessionService;
import io.pocketid.core.model.User;
import io.pocketid.server.internal.auth.Cookies;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.BadRequestException;
import io.pocketid.server.internal.http.JsonCodec;
import io.pocketid.server.internal.http.Responses;
import io.pocketid.server.internal.http.WebServices;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.time.Duration;

/** Helpers every JSON handler of this package shares. */
final class Api {
  private Api() {}

  /** The signed-in user (session or API key), or 401 "You are not signed in". */
  static Principal requireUser(WebServices services, HttpServerExchange exchange) {
    return services
        .auth
        .principal(exchange)
        .orElseThrow(
            () -> new BadRequestException(StatusCodes.UNAUTHORIZED, "You are not signed in"));
  }

  /**
   * The signed-in user of a browser session, or 401; an API key gets 403: keys act on data, they
   * never start or extend an interactive session, mint sign-in codes or register passkeys.
   */
  static Principal requireSession(WebServices services, HttpServerExchange exchange) {
    Principal principal = requireUser(services, exchange);
    if (principal.viaApiKey()) {
      throw new BadRequestException(
          StatusCodes.FORBIDDEN, "This endpoint needs a browser session; an API key cannot use it");
    }
    return principal;
  }

  static void json(HttpServerExchange exchange, JsonCodec codec, int status, Object body) {
    Responses.json(exchange, status, codec.write(body));
  }

  static void noContent(HttpServerExchange exchange) {
    exchange.setStatusCode(StatusCodes.NO_CONTENT);
    exchange.endExchange();
  }

  /** Starts a browser session for a user who just authenticated, and sets its cookie. */
  static void signIn(WebServices services, HttpServerExchange exchange, User user, String method) {
    var origin = services.clientAddress.origin(exchange);
    SessionService.NewSession session =
        services.sessions.start(user.id(), method, origin.ipAddress(), origin.userAgent());
    Duration lifetime = services.config.sessionDuration();
    services.cookies.set(exchange, Cookies.SESSION, session.cookieValue(), lifetime);
    services.auth.forget(exchange);
  }

  /** The last path segment after {@code prefix}, URL-decoded by Undertow; 404 when empty. */
  static String pathParam(HttpServerExchange exchange, String prefix) {
    String rest = exchange.getRelativePath().substring(prefix.length());
    if (rest.isEmpty() || rest.contains("/")) {
      throw new BadRequestException(StatusCodes.NOT_FOUND, "API endpoint not found");
    }
    return rest;
  }

  static void rateLimited(boolean allowed) {
    if (!allowed) {
      throw new BadRequestException(StatusCodes.TOO_MANY_REQUESTS, "Too many requests");
    }
  }
}

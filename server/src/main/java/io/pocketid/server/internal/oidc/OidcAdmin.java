package io.pocketid.server.internal.oidc;

import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.BadRequestException;
import io.pocketid.server.internal.http.WebServices;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

/** Who may call the JSON endpoints of this package. */
final class OidcAdmin {
  private OidcAdmin() {}

  /** The signed-in user (session or API key); 401 otherwise. */
  static Principal requireUser(WebServices s, HttpServerExchange exchange) {
    return s.auth
        .principal(exchange)
        .orElseThrow(
            () -> new BadRequestException(StatusCodes.UNAUTHORIZED, "You are not signed in"));
  }

  /** A browser session (authorizations need one: it becomes the {@code sid}); 401 otherwise. */
  static Principal requireSession(WebServices s, HttpServerExchange exchange) {
    Principal principal = requireUser(s, exchange);
    if (principal.viaApiKey()) {
      throw new BadRequestException(StatusCodes.UNAUTHORIZED, "You are not signed in");
    }
    return principal;
  }

  /** An admin (session or an admin's API key); 401/403 otherwise. */
  static Principal requireAdmin(WebServices s, HttpServerExchange exchange) {
    Principal principal = requireUser(s, exchange);
    if (!principal.user().admin()) {
      throw new BadRequestException(
          StatusCodes.FORBIDDEN, "You don't have permission to perform this action");
    }
    return principal;
  }
}

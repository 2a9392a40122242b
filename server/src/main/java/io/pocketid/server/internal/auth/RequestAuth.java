package io.pocketid.server.internal.auth;

import io.pocketid.core.auth.ApiKeyAuthenticator;
import io.pocketid.core.auth.AuthFailure;
import io.pocketid.core.auth.SessionService;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import java.util.Optional;

/**
 * Finds who a request acts as: the session cookie first, then an {@code X-API-KEY} header. The user
 * is read from the database on every request, so a disabled or deleted user loses access at once.
 * Cached on the exchange.
 */
public final class RequestAuth {
  private static final HttpString API_KEY = new HttpString("X-API-KEY");
  private static final AttachmentKey<Resolved> KEY = AttachmentKey.create(Resolved.class);

  private record Resolved(Optional<Principal> principal) {}

  private final Cookies cookies;
  private final SessionService sessions;
  private final ApiKeyAuthenticator apiKeys;

  public RequestAuth(Cookies cookies, SessionService sessions, ApiKeyAuthenticator apiKeys) {
    this.cookies = cookies;
    this.sessions = sessions;
    this.apiKeys = apiKeys;
  }

  /**
   * The principal, if any.
   *
   * @throws AuthFailure DISABLED_USER when the user (of the session or the key) is disabled
   */
  public Optional<Principal> principal(HttpServerExchange exchange) {
    Resolved cached = exchange.getAttachment(KEY);
    if (cached != null) {
      return cached.principal();
    }
    Optional<Principal> found =
        cookies
            .read(exchange, Cookies.SESSION)
            .flatMap(sessions::resolve)
            .map(active -> new Principal(active.user(), active.session()));
    if (found.isEmpty()) {
      String key = exchange.getRequestHeaders().getFirst(API_KEY);
      if (key != null) {
        found = apiKeys.authenticate(key).map(user -> new Principal(user, null));
      }
    }
    if (found.isPresent() && found.get().user().disabled()) {
      throw new AuthFailure(AuthFailure.Reason.DISABLED_USER);
    }
    exchange.putAttachment(KEY, new Resolved(found));
    return found;
  }

  /** Forgets the cached principal (after sign-in or sign-out in the same request). */
  public void forget(HttpServerExchange exchange) {
    exchange.removeAttachment(KEY);
  }
}

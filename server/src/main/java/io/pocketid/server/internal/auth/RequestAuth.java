package io.pocketid.server.internal.auth;

import io.pocketid.core.auth.ApiKeyAuthenticator;
import io.pocketid.core.auth.AuthFailure;
import io.pocketid.core.auth.SessionService;
import io.pocketid.server.internal.http.Cookies;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

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
  private final Supplier<Duration> lifetime;

  /**
   * @param lifetime the session lifetime, for the cookie re-sent when a session is renewed
   */
  public RequestAuth(
      Cookies cookies,
      SessionService sessions,
      ApiKeyAuthenticator apiKeys,
      Supplier<Duration> lifetime) {
    this.cookies = cookies;
    this.sessions = sessions;
    this.apiKeys = apiKeys;
    this.lifetime = lifetime;
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
    Optional<String> cookie = cookies.read(exchange, Cookies.SESSION);
    Optional<SessionService.ActiveSession> active = cookie.flatMap(sessions::resolve);
    if (active.isPresent() && active.get().renewed()) {
      cookies.set(exchange, Cookies.SESSION, cookie.get(), lifetime.get());
    }
    Optional<Principal> found = active.map(a -> new Principal(a.user(), a.session()));
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

package io.pocketid.server.internal.auth;

import io.pocketid.core.config.AppConfigService;
import io.pocketid.core.service.SignInService;
import io.pocketid.server.internal.http.Cookies;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;

/** The browser-session cookie: set when a user signs in, cleared when they sign out. */
public final class SessionCookies {
  private final Cookies cookies;
  private final RequestAuth auth;
  private final AppConfigService config;

  public SessionCookies(Cookies cookies, RequestAuth auth, AppConfigService config) {
    this.cookies = cookies;
    this.auth = auth;
    this.config = config;
  }

  /** Sets the cookie of a session just started (lifetime: the {@code sessionDuration} setting). */
  public void start(HttpServerExchange exchange, SignInService.SignedIn signedIn) {
    cookies.set(exchange, Cookies.SESSION, signedIn.cookieValue(), config.sessionDuration());
    auth.forget(exchange);
  }

  /** The session cookie's value, if the request has one. */
  public Optional<String> current(HttpServerExchange exchange) {
    return cookies.read(exchange, Cookies.SESSION);
  }

  /** Clears the cookie (the session itself is ended by {@link SignInService#signOut}). */
  public void clear(HttpServerExchange exchange) {
    cookies.clear(exchange, Cookies.SESSION);
    auth.forget(exchange);
  }
}

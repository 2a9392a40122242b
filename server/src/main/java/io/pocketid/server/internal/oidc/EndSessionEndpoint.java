package io.pocketid.server.internal.oidc;

import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.logout.EndSessionDecision;
import io.pocketid.oidc.logout.LogoutFlow;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.auth.ClientAddress;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.auth.SessionCookies;
import io.pocketid.server.internal.http.Csrf;
import io.pocketid.server.internal.http.FormBody;
import io.pocketid.server.internal.http.Redirects;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET|POST /api/oidc/end-session} (RP-Initiated Logout 1.0): with a valid {@code
 * id_token_hint} for the signed-in user the session ends at once; otherwise the user confirms on a
 * page. Ending the session sends the back-channel logout tokens off the request thread.
 */
public final class EndSessionEndpoint {
  static final String CONFIRM = "pocketid_confirm";

  private final OidcPages pages;
  private final Access access;
  private final Csrf csrf;
  private final LogoutFlow logout;
  private final SessionCookies sessionCookies;
  private final ClientAddress clientAddress;

  public EndSessionEndpoint(
      OidcPages pages,
      Access access,
      Csrf csrf,
      LogoutFlow logout,
      SessionCookies sessionCookies,
      ClientAddress clientAddress) {
    this.pages = pages;
    this.access = access;
    this.csrf = csrf;
    this.logout = logout;
    this.sessionCookies = sessionCookies;
    this.clientAddress = clientAddress;
  }

  public void handle(HttpServerExchange exchange) {
    Map<String, List<String>> params;
    try {
      params =
          exchange.getRequestMethod().equals(Methods.POST)
              ? FormBody.read(exchange)
              : FormBody.query(exchange);
    } catch (OAuthException e) {
      pages.detail(exchange, e.status(), "error.invalidRequest", e.error().description());
      return;
    }
    boolean confirmed = params.containsKey(CONFIRM);
    String raw = AuthorizeEndpoint.encodeForm(params);
    if (confirmed) {
      if (!csrf.valid(exchange, params)) {
        pages.formExpired(exchange);
        return;
      }
      List<String> request = params.get("request");
      raw = request == null || request.size() != 1 ? "" : request.get(0);
      try {
        params = FormBody.parse(raw);
      } catch (OAuthException e) {
        pages.detail(exchange, 400, "error.invalidRequest", e.error().description());
        return;
      }
    }
    Optional<Principal> principal = access.browserSession(exchange);
    EndSessionDecision decision = logout.decide(params, principal.map(p -> p.user().id()));
    if (decision.confirmationRequired() && !confirmed && principal.isPresent()) {
      decision.redirectUri().ifPresent(uri -> OidcPages.allowFormAction(exchange, uri));
      pages.render(
          exchange, StatusCodes.OK, "oidc/logout.jte", Map.of("request", raw), "title.signOut");
      return;
    }
    principal.ifPresent(
        p -> {
          logout.signOut(
              p.user(),
              p.session().id(),
              sessionCookies.current(exchange).orElse(""),
              decision,
              clientAddress.origin(exchange));
          sessionCookies.clear(exchange);
        });
    if (decision.redirectUri().isPresent()) {
      Redirects.found(exchange, decision.redirectUri().get());
    } else {
      pages.message(exchange, StatusCodes.OK, "signedOut.title", "signedOut");
    }
  }
}

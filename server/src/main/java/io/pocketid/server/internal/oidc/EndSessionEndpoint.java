package io.pocketid.server.internal.oidc;

import io.pocketid.core.audit.AuditEvents;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.logout.BackchannelDelivery;
import io.pocketid.oidc.logout.EndSessionDecision;
import io.pocketid.server.internal.api.PasskeyApi;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.Redirects;
import io.pocketid.server.internal.http.WebServices;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET|POST /api/oidc/end-session} (RP-Initiated Logout 1.0): with a valid {@code
 * id_token_hint} for the signed-in user the session ends at once; otherwise the user confirms on a
 * page. Ending the session sends the back-channel logout tokens off the request thread.
 */
final class EndSessionEndpoint {
  static final String CONFIRM = "pocketid_confirm";

  private final Supplier<OidcServices> services;
  private final OidcPages pages;

  EndSessionEndpoint(Supplier<OidcServices> services, OidcPages pages) {
    this.services = services;
    this.pages = pages;
  }

  void handle(HttpServerExchange exchange) {
    OidcServices o = services.get();
    WebServices s = o.web;
    Map<String, List<String>> params;
    try {
      params =
          exchange.getRequestMethod().equals(Methods.POST)
              ? FormBody.read(exchange)
              : FormBody.query(exchange);
    } catch (OAuthException e) {
      pages.message(exchange, s, e.status(), "Invalid request", e.error().description());
      return;
    }
    boolean confirmed = params.containsKey(CONFIRM);
    String raw = AuthorizeEndpoint.encodeForm(params);
    if (confirmed) {
      if (!OidcPages.validCsrf(exchange, s, params)) {
        pages.message(
            exchange,
            s,
            StatusCodes.FORBIDDEN,
            "Request refused",
            "The form has expired or came from another site. Go back, reload and try again.");
        return;
      }
      List<String> request = params.get("request");
      raw = request == null || request.size() != 1 ? "" : request.get(0);
      try {
        params = FormBody.parse(raw);
      } catch (OAuthException e) {
        pages.message(exchange, s, 400, "Invalid request", e.error().description());
        return;
      }
    }
    Optional<Principal> principal = s.auth.principal(exchange).filter(p -> !p.viaApiKey());
    EndSessionDecision decision = o.endSession.decide(params, principal.map(p -> p.user().id()));
    if (decision.confirmationRequired() && !confirmed && principal.isPresent()) {
      decision.redirectUri().ifPresent(uri -> OidcPages.allowFormAction(exchange, uri));
      pages.render(
          exchange, s, StatusCodes.OK, "oidc/logout.jte", "Sign out", Map.of("request", raw));
      return;
    }
    principal.ifPresent(
        p -> {
          String clientName =
              decision
                  .clientId()
                  .flatMap(id -> s.storage.clients().findById(id))
                  .map(c -> c.name())
                  .orElse("");
          s.audit.record(
              AuditEvents.LOGOUT,
              p.user().id(),
              s.clientAddress.origin(exchange),
              Map.of("clientName", clientName));
          endSession(exchange, o, p);
          o.endSession.revokeClientGrants(p.user().id(), decision);
        });
    if (decision.redirectUri().isPresent()) {
      Redirects.found(exchange, decision.redirectUri().get());
    } else {
      pages.message(exchange, s, StatusCodes.OK, "Signed out", "You are signed out.");
    }
  }

  private static void endSession(HttpServerExchange exchange, OidcServices o, Principal p) {
    String userId = p.user().id();
    String sessionId = p.session().id();
    PasskeyApi.endSession(exchange, o.web);
    List<BackchannelDelivery> deliveries = o.endSession.backchannelDeliveries(userId, sessionId);
    for (BackchannelDelivery delivery : deliveries) {
      o.background.execute(() -> o.backchannel.send(delivery));
    }
  }
}

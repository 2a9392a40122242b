package io.pocketid.server.internal.oidc;

import io.pocketid.core.audit.AuditEvents;
import io.pocketid.core.model.OidcClient;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.authorize.AuthorizationCompletion;
import io.pocketid.oidc.authorize.AuthorizationRequest;
import io.pocketid.oidc.authorize.AuthorizationValidation;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.BadRequestException;
import io.pocketid.server.internal.http.Responses;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Pocket ID's JSON authorization API, used by its SPA: {@code POST /api/oidc/authorize} and {@code
 * POST /api/oidc/authorization-required}. The same validation as {@code /authorize} applies (errors
 * as {@code {"error": "..."}}).
 */
final class AuthorizeApi {
  private final Supplier<OidcServices> services;

  AuthorizeApi(Supplier<OidcServices> services) {
    this.services = services;
  }

  /** {@code {clientID,scope,callbackURL,nonce,codeChallenge,codeChallengeMethod,...}}. */
  void authorize(HttpServerExchange exchange) {
    OidcServices o = services.get();
    Principal principal = OidcAdmin.requireSession(o.web, exchange);
    JsonIn body = JsonIn.read(exchange.getInputStream());
    Map<String, List<String>> params = new LinkedHashMap<>();
    put(params, "response_type", "code");
    put(params, "client_id", body.string("clientID", "clientId"));
    put(params, "scope", body.string("scope"));
    put(params, "redirect_uri", body.string("callbackURL", "callbackUrl"));
    put(params, "nonce", body.string("nonce"));
    put(params, "code_challenge", body.string("codeChallenge"));
    put(params, "code_challenge_method", body.string("codeChallengeMethod"));
    AuthorizationValidation validation = o.validator.validate(params);
    AuthorizationRequest request;
    if (validation instanceof AuthorizationValidation.Valid v) {
      request = v.request();
    } else if (validation instanceof AuthorizationValidation.ErrorPage p) {
      throw new BadRequestException(capitalize(p.error().description()));
    } else {
      throw new BadRequestException(
          capitalize(((AuthorizationValidation.ErrorRedirect) validation).error().description()));
    }
    OidcClient client = o.web.storage.clients().findById(request.clientId()).orElseThrow();
    Instant authTime = principal.session().createdAt();
    if (client.requiresReauthentication()) {
      String token = body.string("reauthenticationToken");
      if (!o.web.reauthentication.consume(token, principal.user().id())) {
        throw new BadRequestException(StatusCodes.UNAUTHORIZED, "reauthentication required");
      }
      authTime = o.web.clock.instant();
    }
    AuthorizationCompletion.Completed done;
    try {
      done = o.completion.complete(request, principal.user(), principal.session().id(), authTime);
    } catch (OAuthException e) {
      throw new BadRequestException(e.status(), e.error().description());
    }
    o.web.audit.record(
        done.newConsent() ? AuditEvents.NEW_CLIENT_AUTHORIZATION : AuditEvents.CLIENT_AUTHORIZATION,
        principal.user().id(),
        o.web.clientAddress.origin(exchange),
        Map.of("clientName", done.clientName()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("code", done.code());
    out.put("callbackURL", done.redirectUri());
    out.put("issuer", o.settings.issuer());
    Responses.json(exchange, StatusCodes.OK, JsonOut.write(out));
  }

  /** {@code {clientID, scope}} → {@code {"authorizationRequired": bool}}. */
  void authorizationRequired(HttpServerExchange exchange) {
    OidcServices o = services.get();
    Principal principal = OidcAdmin.requireSession(o.web, exchange);
    JsonIn body = JsonIn.read(exchange.getInputStream());
    String clientId = body.string("clientID", "clientId");
    String scope = body.string("scope");
    if (clientId == null || scope == null) {
      throw new BadRequestException("ClientID and Scope are required");
    }
    List<String> scopes = new ArrayList<>();
    for (String s : scope.trim().split(" +")) {
      if (!s.isEmpty()) {
        scopes.add(s);
      }
    }
    boolean required = o.completion.consentRequired(principal.user().id(), clientId, scopes);
    Responses.json(
        exchange, StatusCodes.OK, JsonOut.write(Map.of("authorizationRequired", required)));
  }

  private static void put(Map<String, List<String>> params, String name, String value) {
    if (value != null && !value.isEmpty()) {
      params.put(name, List.of(value));
    }
  }

  private static String capitalize(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}

package io.pocketid.server.internal.oidc;

import io.pocketid.oidc.authorize.AuthorizationCompletion;
import io.pocketid.oidc.authorize.AuthorizationFlow;
import io.pocketid.oidc.authorize.AuthorizationRequest;
import io.pocketid.oidc.authorize.AuthorizationRequestValidator;
import io.pocketid.oidc.authorize.AuthorizationValidation;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.auth.ClientAddress;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.BadRequestException;
import io.pocketid.server.internal.http.JsonBody;
import io.pocketid.server.internal.http.Responses;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pocket ID's JSON authorization API, used by its SPA: {@code POST /api/oidc/authorize} and {@code
 * POST /api/oidc/authorization-required}. The same validation and sequence as {@code /authorize}
 * apply (errors as {@code {"error": "..."}}).
 */
public final class AuthorizeApi {
  private final Access access;
  private final AuthorizationRequestValidator validator;
  private final AuthorizationFlow flow;
  private final AuthorizationCompletion completion;
  private final ClientAddress clientAddress;
  private final String issuer;

  public AuthorizeApi(
      Access access,
      AuthorizationRequestValidator validator,
      AuthorizationFlow flow,
      AuthorizationCompletion completion,
      ClientAddress clientAddress,
      String issuer) {
    this.access = access;
    this.validator = validator;
    this.flow = flow;
    this.completion = completion;
    this.clientAddress = clientAddress;
    this.issuer = issuer;
  }

  /** {@code {clientID,scope,callbackURL,nonce,codeChallenge,codeChallengeMethod,...}}. */
  public void authorize(HttpServerExchange exchange) {
    Principal principal = access.requireSession(exchange);
    JsonBody body = JsonBody.read(exchange.getInputStream());
    Map<String, List<String>> params = new LinkedHashMap<>();
    put(params, "response_type", "code");
    put(params, "client_id", body.string("clientID", "clientId"));
    put(params, "scope", body.string("scope"));
    put(params, "redirect_uri", body.string("callbackURL", "callbackUrl"));
    put(params, "nonce", body.string("nonce"));
    put(params, "code_challenge", body.string("codeChallenge"));
    put(params, "code_challenge_method", body.string("codeChallengeMethod"));
    AuthorizationValidation validation = validator.validate(params);
    AuthorizationRequest request;
    if (validation instanceof AuthorizationValidation.Valid v) {
      request = v.request();
    } else if (validation instanceof AuthorizationValidation.ErrorPage p) {
      throw new BadRequestException(capitalize(p.error().description()));
    } else {
      throw new BadRequestException(
          capitalize(((AuthorizationValidation.ErrorRedirect) validation).error().description()));
    }
    AuthorizationFlow.Step step =
        flow.authorizeNow(
            request,
            principal.user(),
            principal.session(),
            body.string("reauthenticationToken"),
            clientAddress.origin(exchange));
    if (step instanceof AuthorizationFlow.AskUser ask) {
      throw new BadRequestException(StatusCodes.UNAUTHORIZED, ask.error());
    }
    if (step instanceof AuthorizationFlow.Failed failed) {
      throw new BadRequestException(failed.status(), failed.description());
    }
    AuthorizationCompletion.Completed done = ((AuthorizationFlow.Completed) step).result();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("code", done.code());
    out.put("callbackURL", done.redirectUri());
    out.put("issuer", issuer);
    Responses.write(exchange, StatusCodes.OK, out);
  }

  /** {@code {clientID, scope}} → {@code {"authorizationRequired": bool}}. */
  public void authorizationRequired(HttpServerExchange exchange) {
    Principal principal = access.requireSession(exchange);
    JsonBody body = JsonBody.read(exchange.getInputStream());
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
    boolean required = completion.consentRequired(principal.user().id(), clientId, scopes);
    Responses.write(exchange, StatusCodes.OK, Map.of("authorizationRequired", required));
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

package io.pocketid.server.internal.oidc;

import io.pocketid.core.audit.AuditEvents;
import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.User;
import io.pocketid.oidc.OAuthError;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.authorize.AuthorizationCompletion;
import io.pocketid.oidc.authorize.AuthorizationRequest;
import io.pocketid.oidc.authorize.AuthorizationValidation;
import io.pocketid.oidc.authorize.PromptDecision;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.Redirects;
import io.pocketid.server.internal.http.SecurityHeadersHandler;
import io.pocketid.server.internal.http.WebServices;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /authorize}, server-rendered: validation, sign-in, fresh passkey when needed, consent,
 * then the code to the client by redirect ({@code query}) or an auto-submitting form ({@code
 * form_post}). Errors about the client or redirect URI are shown here, never redirected.
 *
 * <p>A fresh passkey is asked for (on the consent page, through {@code
 * /api/webauthn/reauthenticate}) when the client requires reauthentication, for {@code
 * prompt=login}, and when {@code max_age} has passed; a sign-in less than {@link #JUST_SIGNED_IN}
 * ago counts as fresh.
 */
final class AuthorizeEndpoint {
  static final Duration JUST_SIGNED_IN = Duration.ofSeconds(60);
  static final String ACTION = "pocketid_action";
  private static final HttpString CSP = new HttpString("Content-Security-Policy");

  private final Supplier<OidcServices> services;
  private final OidcPages pages;

  AuthorizeEndpoint(Supplier<OidcServices> services, OidcPages pages) {
    this.services = services;
    this.pages = pages;
  }

  /** {@code GET /authorize}. */
  void get(HttpServerExchange exchange) {
    String raw = Optional.ofNullable(exchange.getQueryString()).orElse("");
    handle(exchange, FormBody.query(exchange), raw);
  }

  /** {@code POST /authorize}: a consent decision from our page, or a form-encoded request. */
  void post(HttpServerExchange exchange) {
    OidcServices o = services.get();
    Map<String, List<String>> form;
    try {
      form = FormBody.read(exchange);
    } catch (OAuthException e) {
      pages.message(exchange, o.web, e.status(), "Invalid request", e.error().description());
      return;
    }
    if (form.containsKey(ACTION)) {
      decision(exchange, o, form);
    } else {
      handle(exchange, form, encodeForm(form));
    }
  }

  private void handle(HttpServerExchange exchange, Map<String, List<String>> params, String raw) {
    OidcServices o = services.get();
    WebServices s = o.web;
    Optional<AuthorizationRequest> valid = validate(exchange, o, params);
    if (valid.isEmpty()) {
      return;
    }
    AuthorizationRequest request = valid.get();
    Optional<Principal> principal = s.auth.principal(exchange).filter(p -> !p.viaApiKey());
    if (principal.isEmpty()) {
      if (request.prompts().contains("none")) {
        sendError(exchange, o, request, OAuthError.LOGIN_REQUIRED, "the user is not signed in");
      } else {
        Redirects.found(exchange, "/login?redirect=" + OidcPages.encode("/authorize?" + raw));
      }
      return;
    }
    User user = principal.get().user();
    OidcClient client = o.web.storage.clients().findById(request.clientId()).orElseThrow();
    if (!o.claims.mayUse(client.id(), user.id())) {
      notAllowed(exchange, o);
      return;
    }
    Instant authTime = principal.get().session().createdAt();
    Instant now = s.clock.instant();
    boolean consentRequired =
        o.completion.consentRequired(user.id(), client.id(), request.scopes());
    PromptDecision decision =
        PromptDecision.decide(
            request, Optional.of(authTime), justSignedIn(authTime, now), consentRequired, now);
    if (decision.action() == PromptDecision.Action.ERROR) {
      sendError(exchange, o, request, decision.error().code(), decision.error().description());
      return;
    }
    boolean reauth =
        decision.action() == PromptDecision.Action.LOGIN || client.requiresReauthentication();
    if (reauth && request.prompts().contains("none")) {
      sendError(exchange, o, request, OAuthError.LOGIN_REQUIRED, "a fresh sign-in is required");
      return;
    }
    if (decision.action() == PromptDecision.Action.PROCEED && !reauth) {
      complete(exchange, o, request, principal.get(), authTime);
      return;
    }
    consentPage(exchange, o, client, request, raw, reauth, consentRequired, null);
  }

  private void decision(
      HttpServerExchange exchange, OidcServices o, Map<String, List<String>> form) {
    WebServices s = o.web;
    if (!OidcPages.validCsrf(exchange, s, form)) {
      pages.message(
          exchange,
          s,
          StatusCodes.FORBIDDEN,
          "Request refused",
          "The form has expired or came from another site. Go back, reload and try again.");
      return;
    }
    String raw = single(form, "request").orElse("");
    Map<String, List<String>> params;
    try {
      params = FormBody.parse(raw);
    } catch (OAuthException e) {
      pages.message(exchange, s, 400, "Invalid request", e.error().description());
      return;
    }
    Optional<AuthorizationRequest> valid = validate(exchange, o, params);
    if (valid.isEmpty()) {
      return;
    }
    AuthorizationRequest request = valid.get();
    Optional<Principal> principal = s.auth.principal(exchange).filter(p -> !p.viaApiKey());
    if (principal.isEmpty()) {
      Redirects.found(exchange, "/login?redirect=" + OidcPages.encode("/authorize?" + raw));
      return;
    }
    if (!"allow".equals(single(form, ACTION).orElse(""))) {
      sendError(exchange, o, request, OAuthError.ACCESS_DENIED, "the user denied the request");
      return;
    }
    User user = principal.get().user();
    OidcClient client = s.storage.clients().findById(request.clientId()).orElseThrow();
    if (!o.claims.mayUse(client.id(), user.id())) {
      notAllowed(exchange, o);
      return;
    }
    Instant authTime = principal.get().session().createdAt();
    Instant now = s.clock.instant();
    PromptDecision decision =
        PromptDecision.decide(
            request, Optional.of(authTime), justSignedIn(authTime, now), false, now);
    boolean reauth =
        decision.action() == PromptDecision.Action.LOGIN || client.requiresReauthentication();
    if (reauth) {
      String token = single(form, "reauthenticationToken").orElse(null);
      if (!s.reauthentication.consume(token, user.id())) {
        consentPage(
            exchange,
            o,
            client,
            request,
            raw,
            true,
            true,
            "Confirm with your passkey to continue.");
        return;
      }
      authTime = now;
    }
    complete(exchange, o, request, principal.get(), authTime);
  }

  private Optional<AuthorizationRequest> validate(
      HttpServerExchange exchange, OidcServices o, Map<String, List<String>> params) {
    Optional<Map<String, List<String>>> effective = o.par.effectiveParameters(params);
    if (effective.isEmpty()) {
      pages.message(
          exchange,
          o.web,
          StatusCodes.BAD_REQUEST,
          "Invalid authorization request",
          "The request_uri is invalid or has expired (RFC 9126); start the sign-in again from the"
              + " application.");
      return Optional.empty();
    }
    AuthorizationValidation validation = o.validator.validate(effective.get());
    if (validation instanceof AuthorizationValidation.Valid v) {
      return Optional.of(v.request());
    }
    if (validation instanceof AuthorizationValidation.ErrorRedirect r) {
      Map<String, String> out =
          errorParams(o, r.error().code(), r.error().description(), r.state());
      respond(exchange, r.redirectUri(), r.responseMode(), out);
    } else {
      AuthorizationValidation.ErrorPage page = (AuthorizationValidation.ErrorPage) validation;
      pages.message(
          exchange,
          o.web,
          StatusCodes.BAD_REQUEST,
          "Invalid authorization request",
          "The application sent an invalid sign-in request: " + page.error().description() + ".");
    }
    return Optional.empty();
  }

  private void complete(
      HttpServerExchange exchange,
      OidcServices o,
      AuthorizationRequest request,
      Principal principal,
      Instant authTime) {
    AuthorizationCompletion.Completed done;
    try {
      done = o.completion.complete(request, principal.user(), principal.session().id(), authTime);
    } catch (OAuthException e) {
      if (e.status() == 403) {
        notAllowed(exchange, o);
      } else {
        pages.message(exchange, o.web, e.status(), "Sign-in failed", e.error().description());
      }
      return;
    }
    o.web.audit.record(
        done.newConsent() ? AuditEvents.NEW_CLIENT_AUTHORIZATION : AuditEvents.CLIENT_AUTHORIZATION,
        principal.user().id(),
        o.web.clientAddress.origin(exchange),
        Map.of("clientName", done.clientName()));
    respond(exchange, done.redirectUri(), done.responseMode(), done.orderedParameters());
  }

  private void consentPage(
      HttpServerExchange exchange,
      OidcServices o,
      OidcClient client,
      AuthorizationRequest request,
      String raw,
      boolean reauth,
      boolean showScopes,
      String error) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("clientName", client.name());
    extra.put("scopes", showScopes ? OidcPages.describe(request.scopes()) : List.of());
    extra.put("request", raw);
    extra.put("reauth", reauth);
    extra.put("error", error == null ? "" : error);
    OidcPages.allowFormAction(exchange, request.redirectUri());
    pages.render(
        exchange,
        o.web,
        error == null ? StatusCodes.OK : StatusCodes.BAD_REQUEST,
        "oidc/consent.jte",
        "Sign in to " + client.name(),
        extra);
  }

  private void notAllowed(HttpServerExchange exchange, OidcServices o) {
    pages.message(
        exchange,
        o.web,
        StatusCodes.FORBIDDEN,
        "Access denied",
        AuthorizationCompletion.NOT_ALLOWED
            + ". Ask your administrator to add you to a group that may use it.");
  }

  private void sendError(
      HttpServerExchange exchange,
      OidcServices o,
      AuthorizationRequest request,
      String code,
      String description) {
    respond(
        exchange,
        request.redirectUri(),
        request.responseMode(),
        errorParams(o, code, description, request.state()));
  }

  private static Map<String, String> errorParams(
      OidcServices o, String code, String description, String state) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("error", code);
    out.put("error_description", description);
    if (state != null) {
      out.put("state", state);
    }
    out.put("iss", o.settings.issuer());
    return out;
  }

  /** The response to the client: a 302 ({@code query}) or an auto-submitting form. */
  private void respond(
      HttpServerExchange exchange, String redirectUri, String mode, Map<String, String> params) {
    if (!"form_post".equals(mode)) {
      Redirects.found(exchange, AuthorizationCompletion.appendQuery(redirectUri, params));
      return;
    }
    String nonce = exchange.getAttachment(SecurityHeadersHandler.NONCE);
    exchange
        .getResponseHeaders()
        .put(
            CSP,
            "default-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action "
                + formActionSource(redirectUri)
                + "; script-src 'nonce-"
                + nonce
                + "'; style-src 'unsafe-inline'");
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("action", redirectUri);
    extra.put("fields", params);
    extra.put("nonce", nonce);
    pages.renderBare(exchange, "oidc/form-post.jte", extra);
  }

  /** The CSP source that allows posting to the redirect URI's origin. */
  static String formActionSource(String redirectUri) {
    URI uri;
    try {
      uri = URI.create(redirectUri);
    } catch (IllegalArgumentException e) {
      return "'none'";
    }
    if (uri.getScheme() == null) {
      return "'none'";
    }
    if (uri.getHost() == null) {
      return uri.getScheme() + ":";
    }
    return uri.getScheme()
        + "://"
        + (uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost())
        + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
  }

  private static boolean justSignedIn(Instant authTime, Instant now) {
    return !authTime.plus(JUST_SIGNED_IN).isBefore(now);
  }

  private static Optional<String> single(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.size() != 1 ? Optional.empty() : Optional.of(values.get(0));
  }

  static String encodeForm(Map<String, List<String>> form) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, List<String>> entry : form.entrySet()) {
      for (String value : entry.getValue()) {
        if (out.length() > 0) {
          out.append('&');
        }
        out.append(OidcPages.encode(entry.getKey())).append('=').append(OidcPages.encode(value));
      }
    }
    return out.toString();
  }
}

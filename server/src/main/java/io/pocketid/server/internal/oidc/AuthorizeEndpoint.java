package io.pocketid.server.internal.oidc;

import io.pocketid.oidc.OAuthError;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.authorize.AuthorizationCompletion;
import io.pocketid.oidc.authorize.AuthorizationFlow;
import io.pocketid.oidc.authorize.AuthorizationRequest;
import io.pocketid.oidc.authorize.AuthorizationRequestValidator;
import io.pocketid.oidc.authorize.AuthorizationValidation;
import io.pocketid.oidc.authorize.PushedAuthorizations;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.auth.ClientAddress;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.Csrf;
import io.pocketid.server.internal.http.FormBody;
import io.pocketid.server.internal.http.Redirects;
import io.pocketid.server.internal.http.SecurityHeadersHandler;
import io.pocketid.server.internal.web.Messages;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /authorize}, server-rendered: validation, sign-in, fresh passkey when needed, consent,
 * then the code to the client by redirect ({@code query}) or an auto-submitting form ({@code
 * form_post}). Errors about the client or redirect URI are shown here, never redirected.
 *
 * <p>A fresh passkey is asked for (on the consent page, through {@code
 * /api/webauthn/reauthenticate}) when the client requires reauthentication, for {@code
 * prompt=login}, and when {@code max_age} has passed (see {@link AuthorizationFlow}).
 */
public final class AuthorizeEndpoint {
  static final String ACTION = "pocketid_action";
  private static final HttpString CSP = new HttpString("Content-Security-Policy");

  private final OidcPages pages;
  private final Access access;
  private final Csrf csrf;
  private final PushedAuthorizations par;
  private final AuthorizationRequestValidator validator;
  private final AuthorizationFlow flow;
  private final ClientAddress clientAddress;
  private final String issuer;

  public AuthorizeEndpoint(
      OidcPages pages,
      Access access,
      Csrf csrf,
      PushedAuthorizations par,
      AuthorizationRequestValidator validator,
      AuthorizationFlow flow,
      ClientAddress clientAddress,
      String issuer) {
    this.pages = pages;
    this.access = access;
    this.csrf = csrf;
    this.par = par;
    this.validator = validator;
    this.flow = flow;
    this.clientAddress = clientAddress;
    this.issuer = issuer;
  }

  /** {@code GET /authorize}. */
  public void get(HttpServerExchange exchange) {
    String raw = Optional.ofNullable(exchange.getQueryString()).orElse("");
    arrive(exchange, FormBody.query(exchange), raw);
  }

  /** {@code POST /authorize}: a consent decision from our page, or a form-encoded request. */
  public void post(HttpServerExchange exchange) {
    Map<String, List<String>> form;
    try {
      form = FormBody.read(exchange);
    } catch (OAuthException e) {
      pages.detail(exchange, e.status(), "error.invalidRequest", e.error().description());
      return;
    }
    if (form.containsKey(ACTION)) {
      answer(exchange, form);
    } else {
      arrive(exchange, form, encodeForm(form));
    }
  }

  private void arrive(HttpServerExchange exchange, Map<String, List<String>> params, String raw) {
    Optional<AuthorizationRequest> valid = validate(exchange, params);
    if (valid.isEmpty()) {
      return;
    }
    AuthorizationRequest request = valid.get();
    Optional<Principal> principal = access.browserSession(exchange);
    if (principal.isEmpty()) {
      if (request.prompts().contains("none")) {
        sendError(exchange, request, OAuthError.LOGIN_REQUIRED, "the user is not signed in");
      } else {
        toLogin(exchange, raw);
      }
      return;
    }
    AuthorizationFlow.Step step =
        flow.arrive(
            request,
            principal.get().user(),
            principal.get().session(),
            clientAddress.origin(exchange));
    render(exchange, request, raw, step);
  }

  private void answer(HttpServerExchange exchange, Map<String, List<String>> form) {
    if (!csrf.valid(exchange, form)) {
      pages.formExpired(exchange);
      return;
    }
    String raw = single(form, "request").orElse("");
    Map<String, List<String>> params;
    try {
      params = FormBody.parse(raw);
    } catch (OAuthException e) {
      pages.detail(exchange, 400, "error.invalidRequest", e.error().description());
      return;
    }
    Optional<AuthorizationRequest> valid = validate(exchange, params);
    if (valid.isEmpty()) {
      return;
    }
    AuthorizationRequest request = valid.get();
    Optional<Principal> principal = access.browserSession(exchange);
    if (principal.isEmpty()) {
      toLogin(exchange, raw);
      return;
    }
    AuthorizationFlow.Step step =
        flow.answer(
            request,
            principal.get().user(),
            principal.get().session(),
            "allow".equals(single(form, ACTION).orElse("")),
            single(form, "reauthenticationToken").orElse(null),
            clientAddress.origin(exchange));
    render(exchange, request, raw, step);
  }

  private void render(
      HttpServerExchange exchange,
      AuthorizationRequest request,
      String raw,
      AuthorizationFlow.Step step) {
    if (step instanceof AuthorizationFlow.Completed done) {
      respond(
          exchange,
          done.result().redirectUri(),
          done.result().responseMode(),
          done.result().orderedParameters());
    } else if (step instanceof AuthorizationFlow.ErrorToClient error) {
      sendError(exchange, request, error.code(), error.description());
    } else if (step instanceof AuthorizationFlow.AskUser ask) {
      consentPage(exchange, ask, request, raw);
    } else if (step instanceof AuthorizationFlow.Failed failed && failed.status() != 403) {
      pages.detail(exchange, failed.status(), "error.signInFailed", failed.description());
    } else {
      notAllowed(exchange);
    }
  }

  private static void toLogin(HttpServerExchange exchange, String raw) {
    Redirects.found(exchange, "/login?redirect=" + OidcPages.encode("/authorize?" + raw));
  }

  private Optional<AuthorizationRequest> validate(
      HttpServerExchange exchange, Map<String, List<String>> params) {
    Optional<Map<String, List<String>>> effective = par.effectiveParameters(params);
    if (effective.isEmpty()) {
      pages.message(
          exchange,
          StatusCodes.BAD_REQUEST,
          "error.invalidAuthorization",
          "error.requestUriExpired");
      return Optional.empty();
    }
    AuthorizationValidation validation = validator.validate(effective.get());
    if (validation instanceof AuthorizationValidation.Valid v) {
      return Optional.of(v.request());
    }
    if (validation instanceof AuthorizationValidation.ErrorRedirect r) {
      Map<String, String> out = errorParams(r.error().code(), r.error().description(), r.state());
      respond(exchange, r.redirectUri(), r.responseMode(), out);
    } else {
      AuthorizationValidation.ErrorPage page = (AuthorizationValidation.ErrorPage) validation;
      pages.message(
          exchange,
          StatusCodes.BAD_REQUEST,
          "error.invalidAuthorization",
          "error.invalidAuthorization.detail",
          page.error().description());
    }
    return Optional.empty();
  }

  private void consentPage(
      HttpServerExchange exchange,
      AuthorizationFlow.AskUser ask,
      AuthorizationRequest request,
      String raw) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("clientName", ask.client().name());
    Messages messages = pages.messages(exchange);
    extra.put(
        "scopes", ask.showScopes() ? OidcPages.describe(request.scopes(), messages) : List.of());
    extra.put("request", raw);
    extra.put("reauth", ask.reauthenticate());
    // The flow asks again only when the fresh passkey the client requires is missing.
    extra.put("error", ask.error() == null ? "" : messages.t("consent.reauthRequired"));
    OidcPages.allowFormAction(exchange, request.redirectUri());
    pages.render(
        exchange,
        ask.error() == null ? StatusCodes.OK : StatusCodes.BAD_REQUEST,
        "oidc/consent.jte",
        extra,
        "title.consent",
        ask.client().name());
  }

  private void notAllowed(HttpServerExchange exchange) {
    pages.message(exchange, StatusCodes.FORBIDDEN, "error.accessDenied", "error.clientNotAllowed");
  }

  private void sendError(
      HttpServerExchange exchange, AuthorizationRequest request, String code, String description) {
    respond(
        exchange,
        request.redirectUri(),
        request.responseMode(),
        errorParams(code, description, request.state()));
  }

  private Map<String, String> errorParams(String code, String description, String state) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("error", code);
    out.put("error_description", description);
    if (state != null) {
      out.put("state", state);
    }
    out.put("iss", issuer);
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

package io.pocketid.server.internal.oidc;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.server.internal.auth.Cookies;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.SecurityHeadersHandler;
import io.pocketid.server.internal.http.WebServices;
import io.pocketid.server.internal.web.PageContext;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders the OIDC pages (consent, device, logout, messages) in the layout of the other pages. */
final class OidcPages {
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
  private final RandomTokens random = new RandomTokens();

  void render(
      HttpServerExchange exchange,
      WebServices s,
      int status,
      String template,
      String title,
      Map<String, Object> extra) {
    User user = s.auth.principal(exchange).map(Principal::user).orElse(null);
    PageContext page =
        new PageContext(
            s.config.appName(),
            title,
            "oidc",
            exchange.getAttachment(SecurityHeadersHandler.NONCE),
            csrfToken(exchange, s),
            user == null ? null : user.displayName(),
            "/settings/account");
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("page", page);
    params.putAll(extra);
    StringOutput output = new StringOutput();
    templates.render(template, params, output);
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseSender().send(output.toString(), StandardCharsets.UTF_8);
  }

  /** A template outside the layout (the form_post response). */
  void renderBare(HttpServerExchange exchange, String template, Map<String, Object> params) {
    StringOutput output = new StringOutput();
    templates.render(template, params, output);
    exchange.setStatusCode(StatusCodes.OK);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseSender().send(output.toString(), StandardCharsets.UTF_8);
  }

  /** A page with a title and a message (errors, "done"). */
  void message(
      HttpServerExchange exchange, WebServices s, int status, String title, String message) {
    render(exchange, s, status, "oidc/message.jte", title, Map.of("message", message));
  }

  /** The CSRF token for this browser: the cookie's value (the one Pages uses), set when missing. */
  String csrfToken(HttpServerExchange exchange, WebServices s) {
    Optional<String> existing =
        s.cookies.read(exchange, Cookies.CSRF).filter(v -> v.length() == 43);
    if (existing.isPresent()) {
      return existing.get();
    }
    String token = random.urlSafe(32);
    s.cookies.set(exchange, Cookies.CSRF, token, Duration.ofHours(12));
    return token;
  }

  /** Whether a submitted form carries this browser's CSRF token and no foreign Origin. */
  static boolean validCsrf(
      HttpServerExchange exchange, WebServices s, Map<String, List<String>> form) {
    String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
    if (origin != null && !s.settings.http().appUrl().equals(origin)) {
      return false;
    }
    Optional<String> cookie = s.cookies.read(exchange, Cookies.CSRF);
    List<String> field = form.get("csrf");
    return cookie.isPresent()
        && field != null
        && field.size() == 1
        && TokenHasher.constantTimeEquals(field.get(0), cookie.get());
  }

  /**
   * Lets this page's forms lead to {@code uri}'s origin: browsers apply CSP {@code form-action} to
   * the redirects that follow a form submission too, so the consent form's redirect to the client
   * would be blocked by {@code form-action 'self'}.
   */
  static void allowFormAction(HttpServerExchange exchange, String uri) {
    io.undertow.util.HttpString csp = new io.undertow.util.HttpString("Content-Security-Policy");
    String current = exchange.getResponseHeaders().getFirst(csp);
    if (current != null) {
      exchange
          .getResponseHeaders()
          .put(
              csp,
              current.replace(
                  "form-action 'self';",
                  "form-action 'self' " + AuthorizeEndpoint.formActionSource(uri) + ";"));
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Plain-language descriptions of the scopes shown on consent pages. */
  static List<String> describe(List<String> scopes) {
    return scopes.stream()
        .map(
            scope ->
                switch (scope) {
                  case "openid" -> "Know who you are (your user ID)";
                  case "profile" -> "Your name, username and profile picture";
                  case "email" -> "Your email address";
                  case "groups" -> "The groups you belong to";
                  default -> scope;
                })
        .toList();
  }
}

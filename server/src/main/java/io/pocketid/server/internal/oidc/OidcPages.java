package io.pocketid.server.internal.oidc;

import io.pocketid.server.internal.web.PageRenderer;
import io.pocketid.server.internal.web.Pages;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Renders the OIDC pages (consent, device, logout, messages) in the layout of the other pages. */
public final class OidcPages {
  private final PageRenderer renderer;

  public OidcPages(PageRenderer renderer) {
    this.renderer = renderer;
  }

  void render(
      HttpServerExchange exchange,
      int status,
      String template,
      String title,
      Map<String, Object> extra) {
    renderer.render(
        exchange,
        status,
        template,
        renderer.context(
            exchange, title, "oidc", renderer.signedInUser(exchange), "/settings/account"),
        extra);
  }

  /** A template outside the layout (the form_post response). */
  void renderBare(HttpServerExchange exchange, String template, Map<String, Object> params) {
    renderer.renderBare(exchange, template, params);
  }

  /** A page with a title and a message (errors, "done"). */
  void message(HttpServerExchange exchange, int status, String title, String message) {
    render(exchange, status, "oidc/message.jte", title, Map.of("message", message));
  }

  /** The page for a form whose CSRF token did not match. */
  void formExpired(HttpServerExchange exchange) {
    message(exchange, StatusCodes.FORBIDDEN, "Request refused", Pages.FORM_EXPIRED);
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

package io.pocketid.server.internal.oidc;

import io.pocketid.server.internal.web.Messages;
import io.pocketid.server.internal.web.PageRenderer;
import io.pocketid.server.internal.web.Pages;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the OIDC pages (consent, device, logout, messages) in the layout of the other pages. */
public final class OidcPages {
  private final PageRenderer renderer;

  public OidcPages(PageRenderer renderer) {
    this.renderer = renderer;
  }

  /** A page in the layout, its title the message {@code titleKey} formatted with its arguments. */
  void render(
      HttpServerExchange exchange,
      int status,
      String template,
      Map<String, Object> extra,
      String titleKey,
      Object... titleArgs) {
    renderer.render(
        exchange,
        status,
        template,
        renderer.context(
            exchange,
            titleKey,
            "oidc",
            renderer.signedInUser(exchange),
            "/settings/account",
            titleArgs),
        extra);
  }

  /** A template outside the layout (the form_post response), given the request's messages. */
  void renderBare(HttpServerExchange exchange, String template, Map<String, Object> params) {
    Map<String, Object> withMessages = new LinkedHashMap<>(params);
    withMessages.put("messages", messages(exchange));
    renderer.renderBare(exchange, template, withMessages);
  }

  /** The texts in the language of this request (the signed-in user's, else the browser's). */
  Messages messages(HttpServerExchange exchange) {
    return renderer.messages(exchange, renderer.signedInUser(exchange));
  }

  /** A page with a title and a message (errors, "done"), both message keys. */
  void message(
      HttpServerExchange exchange, int status, String titleKey, String messageKey, Object... args) {
    String message = messages(exchange).t(messageKey, args);
    render(exchange, status, "oidc/message.jte", Map.of("message", message), titleKey);
  }

  /**
   * A page with a translated title and a protocol error's description as the protocol module words
   * it (English, like the errors of the JSON API).
   */
  void detail(HttpServerExchange exchange, int status, String titleKey, String detail) {
    render(exchange, status, "oidc/message.jte", Map.of("message", detail), titleKey);
  }

  /** The page for a form whose CSRF token did not match. */
  void formExpired(HttpServerExchange exchange) {
    message(exchange, StatusCodes.FORBIDDEN, "error.requestRefused", Pages.FORM_EXPIRED);
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

  /**
   * Plain-language descriptions of the scopes shown on consent pages; a scope without one is shown
   * as its name.
   */
  static List<String> describe(List<String> scopes, Messages messages) {
    return scopes.stream()
        .map(
            scope ->
                switch (scope) {
                  case "openid" -> messages.t("scope.openid");
                  case "profile" -> messages.t("scope.profile");
                  case "email" -> messages.t("scope.email");
                  case "groups" -> messages.t("scope.groups");
                  default -> scope;
                })
        .toList();
  }
}

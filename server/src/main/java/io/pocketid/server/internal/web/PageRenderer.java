package io.pocketid.server.internal.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.pocketid.core.config.AppConfigService;
import io.pocketid.core.model.User;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.BasePath;
import io.pocketid.server.internal.http.Csrf;
import io.pocketid.server.internal.http.SecurityHeadersHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders every page (the precompiled jte templates): the layout's {@link PageContext} with the app
 * name, the CSP nonce, the CSRF token, the signed-in user and the {@link Messages} of the request's
 * language; HTML, never cached.
 */
public final class PageRenderer {
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
  private final Access access;
  private final Csrf csrf;
  private final AppConfigService config;
  private final String staticVersion;
  private final AppImages images;

  public PageRenderer(
      Access access, Csrf csrf, AppConfigService config, String staticVersion, AppImages images) {
    this.access = access;
    this.csrf = csrf;
    this.config = config;
    this.staticVersion = staticVersion;
    this.images = images;
  }

  /**
   * The layout's context; {@code user} null renders the signed-out layout.
   *
   * @param titleKey the message key of the page title, formatted with {@code titleArgs}
   */
  public PageContext context(
      HttpServerExchange exchange,
      String titleKey,
      String pageId,
      User user,
      String redirect,
      Object... titleArgs) {
    Messages messages = messages(exchange, user);
    return new PageContext(
        config.appName(),
        messages.t(titleKey, titleArgs),
        pageId,
        exchange.getAttachment(SecurityHeadersHandler.NONCE),
        csrf.token(exchange),
        user == null ? null : user.displayName(),
        redirect,
        user != null && user.admin(),
        config.accentColor().map(color -> "--accent: " + color).orElse(""),
        new PageContext.Assets(
            staticVersion,
            BasePath.url(exchange, images.logoUrl(true)),
            BasePath.url(exchange, images.logoUrl(false)),
            BasePath.url(exchange, images.faviconUrl()),
            images.faviconType(),
            images.backgroundUrl().map(url -> BasePath.url(exchange, url)).orElse("")),
        messages,
        BasePath.of(exchange));
  }

  /**
   * The language of a page: the user's {@code locale} setting when signed in and set, else the
   * first supported language of the {@code Accept-Language} header, else English.
   */
  public Messages messages(HttpServerExchange exchange, User user) {
    Messages chosen = user == null ? null : Messages.of(user.locale());
    return chosen != null
        ? chosen
        : Messages.fromAcceptLanguage(
            exchange.getRequestHeaders().getFirst(Headers.ACCEPT_LANGUAGE));
  }

  /** The signed-in user (session or API key), or null. */
  public User signedInUser(HttpServerExchange exchange) {
    return access.principal(exchange).map(Principal::user).orElse(null);
  }

  /** A page in the layout. */
  public void render(
      HttpServerExchange exchange,
      int status,
      String template,
      PageContext page,
      Map<String, Object> extra) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("page", page);
    params.putAll(extra);
    send(exchange, status, template, params);
  }

  /** A template outside the layout (the form_post response), status 200. */
  public void renderBare(HttpServerExchange exchange, String template, Map<String, Object> params) {
    send(exchange, StatusCodes.OK, template, params);
  }

  private void send(
      HttpServerExchange exchange, int status, String template, Map<String, Object> params) {
    StringOutput output = new StringOutput();
    templates.render(template, params, output);
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseSender().send(output.toString(), StandardCharsets.UTF_8);
  }
}

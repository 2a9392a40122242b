package io.pocketid.server.internal.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.pocketid.core.model.Passkey;
import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.oidc.authorize.RedirectUris;
import io.pocketid.server.config.AppConfigKey;
import io.pocketid.server.internal.api.PasskeyApi;
import io.pocketid.server.internal.auth.Cookies;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.Redirects;
import io.pocketid.server.internal.http.SecurityHeadersHandler;
import io.pocketid.server.internal.http.WebServices;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The pages: sign-in, login code, setup, first passkey, sign-out, account. */
public final class Pages {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMM yyyy").withZone(ZoneOffset.UTC);
  private static final String DEFAULT_TARGET = "/settings/account";

  private final Supplier<WebServices> services;
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
  private final RandomTokens random = new RandomTokens();

  public Pages(Supplier<WebServices> services) {
    this.services = services;
  }

  /** {@code GET /}. */
  public void home(HttpServerExchange exchange) {
    WebServices s = services.get();
    Redirects.found(exchange, s.auth.principal(exchange).isPresent() ? DEFAULT_TARGET : "/login");
  }

  /** {@code GET /login}: signed-in users go straight to where they were headed. */
  public void login(HttpServerExchange exchange) {
    WebServices s = services.get();
    String target = localTarget(query(exchange, "redirect"));
    if (s.auth.principal(exchange).isPresent()) {
      Redirects.found(exchange, target);
      return;
    }
    render(
        exchange,
        StatusCodes.OK,
        "pages/login.jte",
        context(exchange, s, "Sign in", "login", null, target),
        Map.of());
  }

  /** {@code GET /login/alternative/code?code=&redirect=}. */
  public void loginCode(HttpServerExchange exchange) {
    WebServices s = services.get();
    String target = localTarget(query(exchange, "redirect"));
    String code = Optional.ofNullable(query(exchange, "code")).orElse("");
    User signedIn =
        s.auth.principal(exchange).filter(p -> !p.viaApiKey()).map(Principal::user).orElse(null);
    render(
        exchange,
        StatusCodes.OK,
        "pages/login-code.jte",
        context(exchange, s, "Login code", "login-code", signedIn, target),
        Map.of("code", code.length() > 64 ? "" : code));
  }

  /** {@code GET /lc/:code} (links in emails and from the CLI) and {@code GET /lc}. */
  public void loginCodeLink(HttpServerExchange exchange) {
    String path = exchange.getRelativePath();
    String code = path.startsWith("/lc/") ? path.substring(4) : "";
    StringBuilder target = new StringBuilder("/login/alternative/code");
    String separator = "?";
    if (!code.isEmpty()) {
      target.append(separator).append("code=").append(encode(code));
      separator = "&";
    }
    String redirect = query(exchange, "redirect");
    if (redirect != null) {
      target.append(separator).append("redirect=").append(encode(localTarget(redirect)));
    }
    Redirects.send(exchange, StatusCodes.TEMPORARY_REDIRECT, target.toString());
  }

  /** {@code GET /setup} and {@code /signup/setup}: only while no user exists. */
  public void setup(HttpServerExchange exchange) {
    WebServices s = services.get();
    if (!s.setup.isSetupPending()) {
      error(
          exchange,
          s,
          StatusCodes.BAD_REQUEST,
          "Setup already completed",
          "Setup already completed: an administrator exists. Sign in instead.");
      return;
    }
    render(
        exchange,
        StatusCodes.OK,
        "pages/setup.jte",
        context(exchange, s, "Setup", "setup", null, DEFAULT_TARGET),
        Map.of());
  }

  /** {@code GET /signup/add-passkey}. */
  public void addPasskey(HttpServerExchange exchange) {
    WebServices s = services.get();
    Optional<Principal> principal = requireSession(exchange, s);
    if (principal.isPresent()) {
      render(
          exchange,
          StatusCodes.OK,
          "pages/add-passkey.jte",
          context(
              exchange, s, "Add a passkey", "add-passkey", principal.get().user(), DEFAULT_TARGET),
          Map.of());
    }
  }

  /** {@code GET /logout}: asks for confirmation (with a CSRF-protected form). */
  public void logoutPage(HttpServerExchange exchange) {
    WebServices s = services.get();
    User user = s.auth.principal(exchange).map(Principal::user).orElse(null);
    render(
        exchange,
        StatusCodes.OK,
        "pages/logout.jte",
        context(exchange, s, "Sign out", "logout", user, "/login"),
        Map.of());
  }

  /** {@code POST /logout}: the CSRF token must match; ends the session and goes to /login. */
  public void logout(HttpServerExchange exchange) throws IOException {
    WebServices s = services.get();
    if (!validCsrf(exchange, s)) {
      error(
          exchange,
          s,
          StatusCodes.FORBIDDEN,
          "Request refused",
          "The form has expired or came from another site. Go back, reload and try again.");
      return;
    }
    PasskeyApi.endSession(exchange, s);
    Redirects.send(exchange, StatusCodes.SEE_OTHER, "/login");
  }

  /** {@code GET /settings} → the account page. */
  public void settings(HttpServerExchange exchange) {
    Redirects.found(exchange, DEFAULT_TARGET);
  }

  /** {@code GET /settings/account}. */
  public void account(HttpServerExchange exchange) {
    WebServices s = services.get();
    Optional<Principal> principal = requireSession(exchange, s);
    if (principal.isEmpty()) {
      return;
    }
    User user = principal.get().user();
    var passkeys =
        s.storage.passkeys().listForUser(user.id()).stream().map(Pages::passkeyView).toList();
    AccountView view =
        new AccountView(
            nullToEmpty(user.firstName()),
            nullToEmpty(user.lastName()),
            user.displayName(),
            user.username(),
            nullToEmpty(user.email()),
            nullToEmpty(user.locale()),
            s.config.bool(AppConfigKey.ALLOW_OWN_ACCOUNT_EDIT) && user.ldapId() == null,
            passkeys);
    render(
        exchange,
        StatusCodes.OK,
        "pages/account.jte",
        context(exchange, s, "My account", "account", user, DEFAULT_TARGET),
        Map.of("account", view));
  }

  /** A page for an error the user should see (status as given). */
  public void error(
      HttpServerExchange exchange, WebServices s, int status, String title, String message) {
    User user = s.auth.principal(exchange).map(Principal::user).orElse(null);
    render(
        exchange,
        status,
        "pages/error.jte",
        context(exchange, s, title, "error", user, DEFAULT_TARGET),
        Map.of("message", message));
  }

  private static AccountView.PasskeyView passkeyView(Passkey passkey) {
    Instant lastUsed = passkey.lastUsedAt();
    return new AccountView.PasskeyView(
        passkey.id(),
        passkey.name(),
        DAY.format(passkey.createdAt()),
        lastUsed == null ? "never" : DAY.format(lastUsed));
  }

  private Optional<Principal> requireSession(HttpServerExchange exchange, WebServices s) {
    Optional<Principal> principal = s.auth.principal(exchange).filter(p -> !p.viaApiKey());
    if (principal.isEmpty()) {
      String here = exchange.getRequestPath();
      Redirects.found(exchange, "/login?redirect=" + encode(here));
    }
    return principal;
  }

  private PageContext context(
      HttpServerExchange exchange,
      WebServices s,
      String title,
      String pageId,
      User user,
      String redirect) {
    return new PageContext(
        s.config.appName(),
        title,
        pageId,
        exchange.getAttachment(SecurityHeadersHandler.NONCE),
        csrfToken(exchange, s),
        user == null ? null : user.displayName(),
        redirect);
  }

  /** The CSRF token for this browser: the cookie's value, set when missing. */
  private String csrfToken(HttpServerExchange exchange, WebServices s) {
    Optional<String> existing =
        s.cookies.read(exchange, Cookies.CSRF).filter(v -> v.length() == 43);
    if (existing.isPresent()) {
      return existing.get();
    }
    String token = random.urlSafe(32);
    s.cookies.set(exchange, Cookies.CSRF, token, Duration.ofHours(12));
    return token;
  }

  private static boolean validCsrf(HttpServerExchange exchange, WebServices s) throws IOException {
    String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
    if (origin != null && !s.settings.http().appUrl().equals(origin)) {
      return false;
    }
    Optional<String> cookie = s.cookies.read(exchange, Cookies.CSRF);
    FormDataParser parser = FormParserFactory.builder().build().createParser(exchange);
    if (cookie.isEmpty() || parser == null) {
      return false;
    }
    FormData form = parser.parseBlocking();
    FormData.FormValue field = form.getFirst("csrf");
    return field != null
        && !field.isFileItem()
        && TokenHasher.constantTimeEquals(field.getValue(), cookie.get());
  }

  private void render(
      HttpServerExchange exchange,
      int status,
      String template,
      PageContext page,
      Map<String, Object> extra) {
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

  /**
   * Only local paths are followed after sign-in (no open redirect): checked in the form that goes
   * on the wire (non-ASCII percent-encoded, control characters and {@code \\} refused, see {@link
   * RedirectUris#normalizeLocal}), then a single leading {@code /} and no {@code //}.
   */
  static String localTarget(String requested) {
    return RedirectUris.normalizeLocal(requested)
        .filter(wire -> wire.startsWith("/") && !wire.startsWith("//"))
        .orElse(DEFAULT_TARGET);
  }

  private static String query(HttpServerExchange exchange, String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}

package io.pocketid.server.internal.web;

import io.pocketid.core.model.Passkey;
import io.pocketid.core.model.User;
import io.pocketid.core.service.PasskeyService;
import io.pocketid.core.service.SignInService;
import io.pocketid.core.service.SignupService;
import io.pocketid.core.service.UserService;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.authorize.RedirectUris;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.auth.ClientAddress;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.auth.SessionCookies;
import io.pocketid.server.internal.http.Csrf;
import io.pocketid.server.internal.http.FormBody;
import io.pocketid.server.internal.http.Redirects;
import io.pocketid.server.internal.http.Routes;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pages: sign-in, login code, setup, first passkey, sign-out, account. */
public final class Pages {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMM yyyy").withZone(ZoneOffset.UTC);
  private static final String DEFAULT_TARGET = "/settings/account";

  /** The key of the message shown when a form's CSRF token does not match. */
  public static final String FORM_EXPIRED = "error.formExpired";

  private final PageRenderer renderer;
  private final Access access;
  private final Csrf csrf;
  private final SignInService signIn;
  private final SessionCookies sessionCookies;
  private final ClientAddress clientAddress;
  private final UserService users;
  private final PasskeyService passkeys;
  private final SignupService signups;

  public Pages(
      PageRenderer renderer,
      Access access,
      Csrf csrf,
      SignInService signIn,
      SessionCookies sessionCookies,
      ClientAddress clientAddress,
      UserService users,
      PasskeyService passkeys,
      SignupService signups) {
    this.renderer = renderer;
    this.access = access;
    this.csrf = csrf;
    this.signIn = signIn;
    this.sessionCookies = sessionCookies;
    this.clientAddress = clientAddress;
    this.users = users;
    this.passkeys = passkeys;
    this.signups = signups;
  }

  /** {@code GET /}. */
  public void home(HttpServerExchange exchange) {
    Redirects.found(exchange, access.principal(exchange).isPresent() ? DEFAULT_TARGET : "/login");
  }

  /** {@code GET /login}: signed-in users go straight to where they were headed. */
  public void login(HttpServerExchange exchange) {
    String target = localTarget(query(exchange, "redirect"));
    if (access.principal(exchange).isPresent()) {
      Redirects.found(exchange, target);
      return;
    }
    render(
        exchange,
        StatusCodes.OK,
        "pages/login.jte",
        context(exchange, "title.signIn", "login", null, target),
        Map.of(
            "emailLogin",
            users.emailLoginCodesEnabled(),
            "openSignup",
            signups.mode() == SignupService.Mode.OPEN));
  }

  /** {@code GET /login/alternative/code?code=&redirect=}. */
  public void loginCode(HttpServerExchange exchange) {
    String target = localTarget(query(exchange, "redirect"));
    String code = Optional.ofNullable(query(exchange, "code")).orElse("");
    User signedIn = access.browserSession(exchange).map(Principal::user).orElse(null);
    render(
        exchange,
        StatusCodes.OK,
        "pages/login-code.jte",
        context(exchange, "title.loginCode", "login-code", signedIn, target),
        Map.of("code", code.length() > 64 ? "" : code));
  }

  /** {@code GET /lc/:code} (links in emails and from the CLI) and {@code GET /lc}. */
  public void loginCodeLink(HttpServerExchange exchange) {
    String code = exchange.getRelativePath().equals("/lc") ? "" : Routes.param(exchange, "code");
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
    if (!signIn.isSetupPending()) {
      error(exchange, StatusCodes.BAD_REQUEST, "error.setupDone.title", "error.setupDone");
      return;
    }
    render(
        exchange,
        StatusCodes.OK,
        "pages/setup.jte",
        context(exchange, "title.setup", "setup", null, DEFAULT_TARGET),
        Map.of());
  }

  /** {@code GET /signup/add-passkey}. */
  public void addPasskey(HttpServerExchange exchange) {
    Optional<Principal> principal = access.sessionOrLogin(exchange, exchange.getRelativePath());
    if (principal.isPresent()) {
      render(
          exchange,
          StatusCodes.OK,
          "pages/add-passkey.jte",
          context(
              exchange, "title.addPasskey", "add-passkey", principal.get().user(), DEFAULT_TARGET),
          Map.of());
    }
  }

  /** {@code GET /logout}: asks for confirmation (with a CSRF-protected form). */
  public void logoutPage(HttpServerExchange exchange) {
    User user = renderer.signedInUser(exchange);
    render(
        exchange,
        StatusCodes.OK,
        "pages/logout.jte",
        context(exchange, "title.signOut", "logout", user, "/login"),
        Map.of());
  }

  /** {@code POST /logout}: the CSRF token must match; ends the session and goes to /login. */
  public void logout(HttpServerExchange exchange) {
    Map<String, List<String>> form;
    try {
      form = FormBody.read(exchange);
    } catch (OAuthException e) {
      errorDetail(exchange, e.status(), "error.invalidRequest", e.error().description());
      return;
    }
    if (!csrf.valid(exchange, form)) {
      error(exchange, StatusCodes.FORBIDDEN, "error.requestRefused", FORM_EXPIRED);
      return;
    }
    signOut(exchange);
    Redirects.send(exchange, StatusCodes.SEE_OTHER, "/login");
  }

  /** {@code GET /settings} → the account page. */
  public void settings(HttpServerExchange exchange) {
    Redirects.found(exchange, DEFAULT_TARGET);
  }

  /** {@code GET /settings/account}. */
  public void account(HttpServerExchange exchange) {
    Optional<Principal> principal = access.sessionOrLogin(exchange, exchange.getRelativePath());
    if (principal.isEmpty()) {
      return;
    }
    User user = principal.get().user();
    PageContext page = context(exchange, "title.account", "account", user, DEFAULT_TARGET);
    var passkeyViews =
        passkeys.list(user.id()).stream().map(passkey -> passkeyView(passkey, page)).toList();
    AccountView view =
        new AccountView(
            user.id(),
            nullToEmpty(user.firstName()),
            nullToEmpty(user.lastName()),
            user.displayName(),
            user.username(),
            nullToEmpty(user.email()),
            nullToEmpty(user.locale()),
            users.mayEditOwnAccount(user),
            passkeyViews);
    render(exchange, StatusCodes.OK, "pages/account.jte", page, Map.of("account", view));
  }

  /**
   * A page for an error the user should see (status as given), in the page's language.
   *
   * @param titleKey the message key of the title
   * @param messageKey the message key of the text, formatted with {@code args}
   */
  public void error(
      HttpServerExchange exchange, int status, String titleKey, String messageKey, Object... args) {
    PageContext page = errorContext(exchange, titleKey);
    render(exchange, status, "pages/error.jte", page, Map.of("message", page.t(messageKey, args)));
  }

  /**
   * An error page whose text is a protocol error's description, shown as the protocol module words
   * it (English, like the JSON API's errors) under a translated title.
   */
  public void errorDetail(HttpServerExchange exchange, int status, String titleKey, String detail) {
    render(
        exchange,
        status,
        "pages/error.jte",
        errorContext(exchange, titleKey),
        Map.of("message", detail));
  }

  private PageContext errorContext(HttpServerExchange exchange, String titleKey) {
    return context(exchange, titleKey, "error", renderer.signedInUser(exchange), DEFAULT_TARGET);
  }

  private static AccountView.PasskeyView passkeyView(Passkey passkey, PageContext page) {
    DateTimeFormatter day = DAY.withLocale(page.messages().locale());
    Instant lastUsed = passkey.lastUsedAt();
    return new AccountView.PasskeyView(
        passkey.id(),
        passkey.name(),
        day.format(passkey.createdAt()),
        lastUsed == null ? page.t("account.passkey.neverUsed") : day.format(lastUsed));
  }

  /** Ends the request's browser session, if any, and clears its cookie. */
  private void signOut(HttpServerExchange exchange) {
    sessionCookies
        .current(exchange)
        .ifPresent(cookie -> signIn.signOut(cookie, clientAddress.origin(exchange)));
    sessionCookies.clear(exchange);
  }

  private PageContext context(
      HttpServerExchange exchange, String title, String pageId, User user, String redirect) {
    return renderer.context(exchange, title, pageId, user, redirect);
  }

  private void render(
      HttpServerExchange exchange,
      int status,
      String template,
      PageContext page,
      Map<String, Object> extra) {
    renderer.render(exchange, status, template, page, extra);
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

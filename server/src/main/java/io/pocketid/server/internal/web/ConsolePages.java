package io.pocketid.server.internal.web;

import io.pocketid.core.config.AppConfigService;
import io.pocketid.core.model.User;
import io.pocketid.core.service.SignupService;
import io.pocketid.core.service.UserService;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.Redirects;
import io.pocketid.server.internal.http.Routes;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings console's pages: My apps, API keys, the audit logs, the administration of users and
 * groups, and the signup and sign-in choice pages. Each page is a shell the script fills from the
 * JSON API (the same calls a script with an API key makes); this class only decides who may open
 * which page.
 */
public final class ConsolePages {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]{1,64}");

  private final PageRenderer renderer;
  private final Access access;
  private final Pages pages;
  private final SignupService signups;
  private final UserService users;
  private final AppConfigService config;

  public ConsolePages(
      PageRenderer renderer,
      Access access,
      Pages pages,
      SignupService signups,
      UserService users,
      AppConfigService config) {
    this.renderer = renderer;
    this.access = access;
    this.pages = pages;
    this.signups = signups;
    this.users = users;
    this.config = config;
  }

  /** {@code GET /settings/apps}. */
  public void apps(HttpServerExchange exchange) {
    signedIn(exchange, "title.apps", "apps", "");
  }

  /** {@code GET /settings/api-keys}. */
  public void apiKeys(HttpServerExchange exchange) {
    signedIn(exchange, "title.apiKeys", "api-keys", "");
  }

  /** {@code GET /settings/admin/api-keys}: API keys are per account, on the same page. */
  public void adminApiKeys(HttpServerExchange exchange) {
    Redirects.found(exchange, "/settings/api-keys");
  }

  /** {@code GET /settings/audit-log}: the signed-in user's own events. */
  public void auditLog(HttpServerExchange exchange) {
    signedIn(exchange, "title.auditLog", "audit-log", "");
  }

  /** {@code GET /settings/audit-log/global}: every user's events (admins). */
  public void globalAuditLog(HttpServerExchange exchange) {
    admin(exchange, "title.globalAuditLog", "audit-log-global", "");
  }

  /** {@code GET /settings/admin/users}. */
  public void users(HttpServerExchange exchange) {
    admin(exchange, "title.users", "users", "");
  }

  /** {@code GET /settings/admin/users/{id}}. */
  public void user(HttpServerExchange exchange) {
    entity(exchange, "title.user", "error.notFound.user", "user");
  }

  /** {@code GET /settings/admin/user-groups}. */
  public void groups(HttpServerExchange exchange) {
    admin(exchange, "title.groups", "groups", "");
  }

  /** {@code GET /settings/admin/user-groups/{id}}. */
  public void group(HttpServerExchange exchange) {
    entity(exchange, "title.group", "error.notFound.group", "group");
  }

  /** {@code GET /settings/admin/oidc-clients}. */
  public void clients(HttpServerExchange exchange) {
    admin(exchange, "title.clients", "clients", "");
  }

  /** {@code GET /settings/admin/oidc-clients/{id}}. */
  public void client(HttpServerExchange exchange) {
    entity(exchange, "title.client", "error.notFound.client", "client");
  }

  /**
   * {@code GET /settings/admin/application-configuration}: read-only when the settings come from
   * the environment ({@code UI_CONFIG_DISABLED=true}).
   */
  public void applicationConfiguration(HttpServerExchange exchange) {
    Optional<Principal> principal = adminOrRefuse(exchange);
    principal.ifPresent(
        p ->
            renderer.render(
                exchange,
                StatusCodes.OK,
                "pages/console.jte",
                renderer.context(
                    exchange, "title.settings", "console", p.user(), "/settings/account"),
                Map.of(
                    "view", "app-config", "entityId", "", "readOnly", config.fromEnvironment())));
  }

  /** {@code GET /login/alternative}: the ways to sign in besides the passkey. */
  public void loginAlternative(HttpServerExchange exchange) {
    String redirect = query(exchange, "redirect");
    String redirectQuery =
        redirect == null
            ? ""
            : "?redirect=" + URLEncoder.encode(Pages.localTarget(redirect), StandardCharsets.UTF_8);
    renderer.render(
        exchange,
        StatusCodes.OK,
        "pages/login-alternative.jte",
        renderer.context(exchange, "title.signIn", "login-alternative", null, "/settings/account"),
        Map.of("emailLogin", users.emailLoginCodesEnabled(), "redirectQuery", redirectQuery));
  }

  /** {@code GET /signup}: open signup only. */
  public void signup(HttpServerExchange exchange) {
    if (signups.mode() != SignupService.Mode.OPEN) {
      pages.error(
          exchange,
          StatusCodes.FORBIDDEN,
          "title.signup",
          signups.mode() == SignupService.Mode.DISABLED
              ? "error.signupDisabled"
              : "error.signupNeedsInvitation");
      return;
    }
    signupForm(exchange, "");
  }

  /** {@code GET /st/{token}}: signup with a token (also while signup is open). */
  public void signupWithToken(HttpServerExchange exchange) {
    String token = Routes.param(exchange, "token");
    if (signups.mode() == SignupService.Mode.DISABLED) {
      pages.error(exchange, StatusCodes.FORBIDDEN, "title.signup", "error.signupDisabled");
      return;
    }
    if (!TOKEN.matcher(token).matches()) {
      pages.error(exchange, StatusCodes.BAD_REQUEST, "title.signup", "error.signupLinkInvalid");
      return;
    }
    signupForm(exchange, token);
  }

  private void signupForm(HttpServerExchange exchange, String token) {
    if (access.browserSession(exchange).isPresent()) {
      Redirects.found(exchange, "/settings/account");
      return;
    }
    renderer.render(
        exchange,
        StatusCodes.OK,
        "pages/signup.jte",
        renderer.context(exchange, "title.signUp", "signup", null, "/signup/add-passkey"),
        Map.of("token", token, "emailRequired", config.requireUserEmail()));
  }

  private void signedIn(HttpServerExchange exchange, String titleKey, String view, String id) {
    Optional<Principal> principal = access.sessionOrLogin(exchange, exchange.getRelativePath());
    principal.ifPresent(p -> shell(exchange, titleKey, view, id, p.user()));
  }

  /** An admin page: a non-admin gets 403 and the page says so. */
  private void admin(HttpServerExchange exchange, String titleKey, String view, String id) {
    adminOrRefuse(exchange).ifPresent(p -> shell(exchange, titleKey, view, id, p.user()));
  }

  /** The admin's session; otherwise the sign-in redirect or the 403 page has been sent. */
  private Optional<Principal> adminOrRefuse(HttpServerExchange exchange) {
    Optional<Principal> principal = access.sessionOrLogin(exchange, exchange.getRelativePath());
    if (principal.isPresent() && !principal.get().user().admin()) {
      pages.error(exchange, StatusCodes.FORBIDDEN, "error.notAllowed", "error.adminOnly");
      return Optional.empty();
    }
    return principal;
  }

  private void shell(
      HttpServerExchange exchange, String titleKey, String view, String id, User user) {
    renderer.render(
        exchange,
        StatusCodes.OK,
        "pages/console.jte",
        renderer.context(exchange, titleKey, "console", user, "/settings/account"),
        Map.of("view", view, "entityId", id));
  }

  /** An admin page about one record; an id that cannot be one is 404 at once. */
  private void entity(
      HttpServerExchange exchange, String titleKey, String notFoundKey, String view) {
    String id = Routes.param(exchange, "id");
    if (!ID.matcher(id).matches()) {
      pages.error(exchange, StatusCodes.NOT_FOUND, "error.notFound", notFoundKey);
      return;
    }
    admin(exchange, titleKey, view, id);
  }

  private static String query(HttpServerExchange exchange, String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }
}

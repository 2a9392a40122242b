package io.pocketid.server.internal.api;

import io.pocketid.core.audit.AuditEvents;
import io.pocketid.core.audit.RequestOrigin;
import io.pocketid.core.auth.LoginCodeService;
import io.pocketid.core.auth.SessionService;
import io.pocketid.core.model.User;
import io.pocketid.core.service.AccountService;
import io.pocketid.core.service.SetupRequest;
import io.pocketid.server.config.AppConfigKey;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.JsonCodec;
import io.pocketid.server.internal.http.JsonFields;
import io.pocketid.server.internal.http.WebServices;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The user's own account ({@code /api/users/me}), login codes, and first-run setup (which signs the
 * new admin in).
 */
public final class UserApi {
  static final String EXCHANGE_CODE = "/api/one-time-access-token/";

  private final Supplier<WebServices> services;
  private final Supplier<JsonCodec> json;

  public UserApi(Supplier<WebServices> services, Supplier<JsonCodec> json) {
    this.services = services;
    this.json = json;
  }

  /** {@code GET /api/users/me}. */
  public void me(HttpServerExchange exchange) {
    WebServices s = services.get();
    Principal principal = Api.requireUser(s, exchange);
    Api.json(exchange, json.get(), StatusCodes.OK, Dtos.user(principal.user(), s.storage));
  }

  /** {@code PUT /api/users/me}: admin and disabled flags in the body are ignored. */
  public void updateMe(HttpServerExchange exchange) {
    WebServices s = services.get();
    Principal principal = Api.requireUser(s, exchange);
    JsonFields body = json.get().readObject(exchange.getInputStream());
    AccountService.AccountUpdate update =
        new AccountService.AccountUpdate(
            body.string("username"),
            body.string("email"),
            body.string("firstName"),
            body.string("lastName"),
            body.string("displayName"),
            body.string("locale"));
    User updated =
        s.accounts.updateOwnAccount(
            principal.user(),
            update,
            s.config.bool(AppConfigKey.ALLOW_OWN_ACCOUNT_EDIT),
            s.config.bool(AppConfigKey.REQUIRE_USER_EMAIL));
    Api.json(exchange, json.get(), StatusCodes.OK, Dtos.user(updated, s.storage));
  }

  /** {@code POST /api/users/me/one-time-access-token}: a 15-minute login code for this user. */
  public void createOwnLoginCode(HttpServerExchange exchange) {
    WebServices s = services.get();
    Principal principal = Api.requireSession(s, exchange);
    String code = s.loginCodes.create(principal.user().id(), LoginCodeService.SHORT_CODE_MAX_TTL);
    Api.json(exchange, json.get(), StatusCodes.CREATED, new Dtos.TokenDto(code));
  }

  /** {@code POST /api/one-time-access-token/:token}: rate-limited; signs in with a login code. */
  public void exchangeLoginCode(HttpServerExchange exchange) {
    WebServices s = services.get();
    RequestOrigin origin = s.clientAddress.origin(exchange);
    Api.rateLimited(s.loginCodeLimit.tryAcquire(origin.ipAddress()));
    String code = Api.pathParam(exchange, EXCHANGE_CODE);
    User user = s.loginCodes.exchange(code);
    Api.signIn(s, exchange, user, SessionService.METHOD_LOGIN_CODE);
    s.audit.record(AuditEvents.TOKEN_SIGN_IN, user.id(), origin);
    Api.json(exchange, json.get(), StatusCodes.OK, Dtos.user(user, s.storage));
  }

  /** {@code POST /api/signup/setup}: creates the initial admin and signs them in. */
  public void setup(HttpServerExchange exchange) {
    WebServices s = services.get();
    JsonFields body = json.get().readObject(exchange.getInputStream());
    User admin =
        s.setup.createInitialAdmin(
            new SetupRequest(
                body.string("username"),
                body.string("email"),
                body.string("firstName"),
                body.string("lastName")));
    Api.signIn(s, exchange, admin, SessionService.METHOD_SETUP);
    s.audit.record(
        AuditEvents.ACCOUNT_CREATED,
        admin.id(),
        s.clientAddress.origin(exchange),
        Map.of("method", "initial_setup"));
    Api.json(exchange, json.get(), StatusCodes.OK, Dtos.user(admin, s.storage));
  }
}

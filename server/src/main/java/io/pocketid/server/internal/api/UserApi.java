package io.pocketid.server.internal.api;

import io.pocketid.core.service.SetupRequest;
import io.pocketid.core.service.SignInService;
import io.pocketid.core.service.UserService;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.auth.ClientAddress;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.auth.RateLimiter;
import io.pocketid.server.internal.auth.SessionCookies;
import io.pocketid.server.internal.http.JsonBody;
import io.pocketid.server.internal.http.Responses;
import io.pocketid.server.internal.http.Routes;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.Map;

/**
 * The user's own account ({@code /api/users/me}), login codes, and first-run setup (which signs the
 * new admin in).
 */
public final class UserApi {
  private final Access access;
  private final UserService users;
  private final SignInService signIn;
  private final SessionCookies sessionCookies;
  private final ClientAddress clientAddress;
  private final RateLimiter loginCodeLimit;

  public UserApi(
      Access access,
      UserService users,
      SignInService signIn,
      SessionCookies sessionCookies,
      ClientAddress clientAddress,
      RateLimiter loginCodeLimit) {
    this.access = access;
    this.users = users;
    this.signIn = signIn;
    this.sessionCookies = sessionCookies;
    this.clientAddress = clientAddress;
    this.loginCodeLimit = loginCodeLimit;
  }

  /** {@code GET /api/users/me}. */
  public void me(HttpServerExchange exchange) {
    Principal principal = access.requireUser(exchange);
    Responses.write(exchange, StatusCodes.OK, Dtos.user(users.profile(principal.user())));
  }

  /** {@code PUT /api/users/me}: admin and disabled flags in the body are ignored. */
  public void updateMe(HttpServerExchange exchange) {
    Principal principal = access.requireUser(exchange);
    JsonBody body = JsonBody.read(exchange.getInputStream());
    UserService.AccountUpdate update =
        new UserService.AccountUpdate(
            body.string("username"),
            body.string("email"),
            body.string("firstName"),
            body.string("lastName"),
            body.string("displayName"),
            body.string("locale"));
    Responses.write(exchange, StatusCodes.OK, Dtos.user(users.updateOwn(principal.user(), update)));
  }

  /** {@code POST /api/users/me/one-time-access-token}: a 15-minute login code for this user. */
  public void createOwnLoginCode(HttpServerExchange exchange) {
    Principal principal = access.requireSession(exchange);
    String code = users.createOwnLoginCode(principal.user());
    Responses.write(exchange, StatusCodes.CREATED, Map.of("token", code));
  }

  /** {@code POST /api/one-time-access-token/{token}}: rate-limited; signs in with a login code. */
  public void exchangeLoginCode(HttpServerExchange exchange) {
    var origin = clientAddress.origin(exchange);
    loginCodeLimit.require(origin.ipAddress());
    SignInService.SignedIn signedIn = signIn.withLoginCode(Routes.param(exchange, "token"), origin);
    sessionCookies.start(exchange, signedIn);
    Responses.write(exchange, StatusCodes.OK, Dtos.user(users.profile(signedIn.user())));
  }

  /** {@code POST /api/signup/setup}: creates the initial admin and signs them in. */
  public void setup(HttpServerExchange exchange) {
    JsonBody body = JsonBody.read(exchange.getInputStream());
    SignInService.SignedIn signedIn =
        signIn.setUp(
            new SetupRequest(
                body.string("username"),
                body.string("email"),
                body.string("firstName"),
                body.string("lastName")),
            clientAddress.origin(exchange));
    sessionCookies.start(exchange, signedIn);
    Responses.write(exchange, StatusCodes.OK, Dtos.user(users.profile(signedIn.user())));
  }
}

package io.pocketid.server.internal.api;

import io.pocketid.core.model.Passkey;
import io.pocketid.core.service.PasskeyRejected;
import io.pocketid.core.service.PasskeyService;
import io.pocketid.core.service.SignInService;
import io.pocketid.core.service.UserService;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.auth.ClientAddress;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.auth.RateLimiter;
import io.pocketid.server.internal.auth.SessionCookies;
import io.pocketid.server.internal.http.BadRequestException;
import io.pocketid.server.internal.http.Cookies;
import io.pocketid.server.internal.http.JsonBody;
import io.pocketid.server.internal.http.JsonLimits;
import io.pocketid.server.internal.http.Responses;
import io.pocketid.server.internal.http.Routes;
import io.pocketid.webauthn.Ceremony;
import io.pocketid.webauthn.PasskeyCeremonies;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /api/webauthn/*}: passkey ceremonies, sign-out, reauthentication, the passkey list. */
public final class PasskeyApi {
  private static final int MAX_RESPONSE_BYTES = 64 * 1024;
  private static final Duration CEREMONY_LIFETIME = Duration.ofSeconds(60);

  private final Access access;
  private final PasskeyCeremonies ceremonies;
  private final PasskeyService passkeys;
  private final SignInService signIn;
  private final UserService users;
  private final SessionCookies sessionCookies;
  private final Cookies cookies;
  private final ClientAddress clientAddress;
  private final RateLimiter loginFinishLimit;
  private final RateLimiter reauthenticateLimit;
  private final Supplier<String> appName;

  public PasskeyApi(
      Access access,
      PasskeyCeremonies ceremonies,
      PasskeyService passkeys,
      SignInService signIn,
      UserService users,
      SessionCookies sessionCookies,
      Cookies cookies,
      ClientAddress clientAddress,
      RateLimiter loginFinishLimit,
      RateLimiter reauthenticateLimit,
      Supplier<String> appName) {
    this.access = access;
    this.ceremonies = ceremonies;
    this.passkeys = passkeys;
    this.signIn = signIn;
    this.users = users;
    this.sessionCookies = sessionCookies;
    this.cookies = cookies;
    this.clientAddress = clientAddress;
    this.loginFinishLimit = loginFinishLimit;
    this.reauthenticateLimit = reauthenticateLimit;
    this.appName = appName;
  }

  /** {@code GET /api/webauthn/register/start}. */
  public void registerStart(HttpServerExchange exchange) {
    Principal principal = access.requireSession(exchange);
    startCeremony(exchange, ceremonies.startRegistration(principal.user(), appName.get()));
  }

  /** {@code POST /api/webauthn/register/finish}. */
  public void registerFinish(HttpServerExchange exchange) {
    Principal principal = access.requireSession(exchange);
    String ceremonyId = ceremonyId(exchange);
    try {
      Passkey passkey =
          passkeys.add(
              principal.user(), ceremonyId, body(exchange), clientAddress.origin(exchange));
      Responses.write(exchange, StatusCodes.OK, Dtos.passkey(passkey));
    } catch (PasskeyRejected e) {
      failure(exchange, e);
    }
  }

  /** {@code GET /api/webauthn/login/start}. */
  public void loginStart(HttpServerExchange exchange) {
    startCeremony(exchange, ceremonies.startLogin());
  }

  /** {@code POST /api/webauthn/login/finish}: rate-limited per client address. */
  public void loginFinish(HttpServerExchange exchange) {
    var origin = clientAddress.origin(exchange);
    loginFinishLimit.require(origin.ipAddress());
    String ceremonyId = ceremonyId(exchange);
    try {
      SignInService.SignedIn signedIn = signIn.withPasskey(ceremonyId, body(exchange), origin);
      sessionCookies.start(exchange, signedIn);
      Responses.write(exchange, StatusCodes.OK, Dtos.user(users.profile(signedIn.user())));
    } catch (PasskeyRejected e) {
      failure(exchange, e);
    }
  }

  /** {@code POST /api/webauthn/logout}: ends the session at once and clears the cookie. */
  public void logout(HttpServerExchange exchange) {
    sessionCookies
        .current(exchange)
        .ifPresent(cookie -> signIn.signOut(cookie, clientAddress.origin(exchange)));
    sessionCookies.clear(exchange);
    Responses.noContent(exchange);
  }

  /**
   * {@code POST /api/webauthn/reauthenticate}: an assertion (after login/start), or an empty body
   * when the session was started by a passkey less than a minute ago → a reauthentication token. A
   * login-code or setup session needs an assertion; an API key gets 403.
   */
  public void reauthenticate(HttpServerExchange exchange) {
    Principal principal = access.requireSession(exchange);
    reauthenticateLimit.require(clientAddress.ip(exchange));
    String body = body(exchange);
    boolean empty = body.isBlank() || body.trim().equals("{}");
    try {
      String token =
          signIn.reauthenticate(
              principal.user(),
              principal.session(),
              empty ? null : ceremonyId(exchange),
              empty ? null : body);
      Responses.write(exchange, StatusCodes.OK, Map.of("reauthenticationToken", token));
    } catch (PasskeyRejected e) {
      failure(exchange, e);
    }
  }

  /** {@code GET /api/webauthn/credentials}. */
  public void list(HttpServerExchange exchange) {
    Principal principal = access.requireUser(exchange);
    Responses.write(
        exchange,
        StatusCodes.OK,
        passkeys.list(principal.user().id()).stream().map(Dtos::passkey).toList());
  }

  /** {@code PATCH /api/webauthn/credentials/{id}} with {@code {"name": "..."}}. */
  public void rename(HttpServerExchange exchange) {
    Principal principal = access.requireUser(exchange);
    String id = Routes.param(exchange, "id");
    JsonBody body = JsonBody.read(exchange.getInputStream());
    Passkey renamed =
        passkeys.rename(
            principal.user().id(), id, body.string("name"), clientAddress.origin(exchange));
    Responses.write(exchange, StatusCodes.OK, Dtos.passkey(renamed));
  }

  /** {@code DELETE /api/webauthn/credentials/{id}}: 204 also when there was nothing to delete. */
  public void delete(HttpServerExchange exchange) {
    Principal principal = access.requireUser(exchange);
    passkeys.remove(
        principal.user().id(), Routes.param(exchange, "id"), clientAddress.origin(exchange));
    Responses.noContent(exchange);
  }

  private void startCeremony(HttpServerExchange exchange, Ceremony ceremony) {
    cookies.set(exchange, Cookies.CEREMONY, ceremony.id(), CEREMONY_LIFETIME);
    Responses.json(exchange, StatusCodes.OK, ceremony.optionsJson());
  }

  private String ceremonyId(HttpServerExchange exchange) {
    String id =
        cookies
            .read(exchange, Cookies.CEREMONY)
            .orElseThrow(() -> new BadRequestException("Missing session id"));
    cookies.clear(exchange, Cookies.CEREMONY);
    return id;
  }

  private static String body(HttpServerExchange exchange) {
    try {
      byte[] bytes = exchange.getInputStream().readNBytes(MAX_RESPONSE_BYTES + 1);
      if (bytes.length > MAX_RESPONSE_BYTES) {
        throw new BadRequestException(
            StatusCodes.REQUEST_ENTITY_TOO_LARGE, "Request body too large");
      }
      JsonLimits.check(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadRequestException("Invalid request body");
    }
  }

  private static void failure(HttpServerExchange exchange, PasskeyRejected e) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("error", e.getMessage());
    body.put("code", e.code());
    Responses.write(
        exchange, e.disabledUser() ? StatusCodes.FORBIDDEN : StatusCodes.BAD_REQUEST, body);
  }
}

package io.pocketid.server.internal.api;

import io.pocketid.core.audit.AuditEvents;
import io.pocketid.core.audit.RequestOrigin;
import io.pocketid.core.auth.SessionService;
import io.pocketid.core.model.Passkey;
import io.pocketid.core.service.TextRules;
import io.pocketid.server.internal.auth.Cookies;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.BadRequestException;
import io.pocketid.server.internal.http.JsonCodec;
import io.pocketid.server.internal.http.JsonFields;
import io.pocketid.server.internal.http.JsonLimits;
import io.pocketid.server.internal.http.Responses;
import io.pocketid.server.internal.http.WebServices;
import io.pocketid.webauthn.Ceremony;
import io.pocketid.webauthn.CeremonyFailure;
import io.pocketid.webauthn.PasskeyCeremonyException;
import io.pocketid.webauthn.SignIn;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /api/webauthn/*}: passkey ceremonies, sign-out, reauthentication, the passkey list. */
public final class PasskeyApi {
  static final String CREDENTIALS = "/api/webauthn/credentials/";
  private static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private final Supplier<WebServices> services;
  private final Supplier<JsonCodec> json;

  public PasskeyApi(Supplier<WebServices> services, Supplier<JsonCodec> json) {
    this.services = services;
    this.json = json;
  }

  /** {@code GET /api/webauthn/register/start}. */
  public void registerStart(HttpServerExchange exchange) {
    WebServices s = services.get();
    Principal principal = Api.requireSession(s, exchange);
    startCeremony(exchange, s, s.passkeys.startRegistration(principal.user()));
  }

  /** {@code POST /api/webauthn/register/finish}. */
  public void registerFinish(HttpServerExchange exchange) {
    WebServices s = services.get();
    Principal principal = Api.requireSession(s, exchange);
    String ceremonyId = ceremonyId(exchange, s);
    try {
      Passkey passkey = s.passkeys.finishRegistration(ceremonyId, principal.user(), body(exchange));
      s.audit.record(
          AuditEvents.PASSKEY_ADDED,
          principal.user().id(),
          s.clientAddress.origin(exchange),
          Map.of("passkeyName", passkey.name()));
      Api.json(exchange, json.get(), StatusCodes.OK, Dtos.PasskeyDto.of(passkey));
    } catch (PasskeyCeremonyException e) {
      failure(exchange, e);
    }
  }

  /** {@code GET /api/webauthn/login/start}. */
  public void loginStart(HttpServerExchange exchange) {
    WebServices s = services.get();
    startCeremony(exchange, s, s.passkeys.startLogin());
  }

  /** {@code POST /api/webauthn/login/finish}: rate-limited per client address. */
  public void loginFinish(HttpServerExchange exchange) {
    WebServices s = services.get();
    RequestOrigin origin = s.clientAddress.origin(exchange);
    Api.rateLimited(s.loginFinishLimit.tryAcquire(origin.ipAddress()));
    String ceremonyId = ceremonyId(exchange, s);
    try {
      SignIn signIn = s.passkeys.finishLogin(ceremonyId, body(exchange));
      Api.signIn(s, exchange, signIn.user(), SessionService.METHOD_PASSKEY);
      s.audit.record(
          AuditEvents.SIGN_IN,
          signIn.user().id(),
          origin,
          Map.of("passkeyName", signIn.passkey().name()));
      Api.json(exchange, json.get(), StatusCodes.OK, Dtos.user(signIn.user(), s.storage));
    } catch (PasskeyCeremonyException e) {
      s.audit.record(
          AuditEvents.SIGN_IN_FAILED,
          e.userId().orElse(null),
          origin,
          Map.of("reason", e.failure().name()));
      failure(exchange, e);
    }
  }

  /** {@code POST /api/webauthn/logout}: ends the session at once and clears the cookie. */
  public void logout(HttpServerExchange exchange) {
    WebServices s = services.get();
    endSession(exchange, s);
    Api.noContent(exchange);
  }

  /** Ends the request's browser session, if any; shared with the logout page. */
  public static void endSession(HttpServerExchange exchange, WebServices s) {
    s.cookies
        .read(exchange, Cookies.SESSION)
        .flatMap(s.sessions::resolve)
        .ifPresent(
            active -> {
              s.sessions.end(s.cookies.read(exchange, Cookies.SESSION).orElseThrow());
              s.audit.record(
                  AuditEvents.SIGN_OUT, active.user().id(), s.clientAddress.origin(exchange));
            });
    s.cookies.clear(exchange, Cookies.SESSION);
    s.auth.forget(exchange);
  }

  /**
   * {@code POST /api/webauthn/reauthenticate}: an assertion (after login/start), or an empty body
   * when the session was started by a passkey less than a minute ago → a reauthentication token. A
   * login-code or setup session needs an assertion; an API key gets 403.
   */
  public void reauthenticate(HttpServerExchange exchange) {
    WebServices s = services.get();
    Principal principal = Api.requireSession(s, exchange);
    Api.rateLimited(s.reauthenticateLimit.tryAcquire(s.clientAddress.ip(exchange)));
    String body = body(exchange);
    String token;
    if (body.isBlank() || body.trim().equals("{}")) {
      token =
          s.reauthentication
              .issueForRecentPasskeySignIn(principal.session())
              .orElseThrow(
                  () ->
                      new BadRequestException(
                          StatusCodes.UNAUTHORIZED,
                          "reauthentication required: sign in with a passkey"));
    } else {
      try {
        SignIn signIn = s.passkeys.finishLogin(ceremonyId(exchange, s), body);
        if (!signIn.user().id().equals(principal.user().id())) {
          throw new BadRequestException(
              StatusCodes.UNAUTHORIZED, "The passkey belongs to another user");
        }
      } catch (PasskeyCeremonyException e) {
        failure(exchange, e);
        return;
      }
      token = s.reauthentication.issue(principal.user().id());
    }
    Api.json(exchange, json.get(), StatusCodes.OK, new Dtos.ReauthenticationDto(token));
  }

  /** {@code GET /api/webauthn/credentials}. */
  public void list(HttpServerExchange exchange) {
    WebServices s = services.get();
    Principal principal = Api.requireUser(s, exchange);
    Api.json(
        exchange,
        json.get(),
        StatusCodes.OK,
        s.storage.passkeys().listForUser(principal.user().id()).stream()
            .map(Dtos.PasskeyDto::of)
            .toList());
  }

  /**
   * {@code PATCH /api/webauthn/credentials/:id} with {@code {"name": "..."}} (1–50 characters,
   * {@link TextRules}).
   */
  public void rename(HttpServerExchange exchange) {
    WebServices s = services.get();
    Principal principal = Api.requireUser(s, exchange);
    String id = Api.pathParam(exchange, CREDENTIALS);
    JsonFields body = json.get().readObject(exchange.getInputStream());
    String name = TextRules.requiredName("Name", body.string("name"), TextRules.NAME_MAX);
    Passkey passkey =
        s.storage
            .passkeys()
            .findById(id)
            .filter(p -> p.userId().equals(principal.user().id()))
            .orElseThrow(() -> new BadRequestException(StatusCodes.NOT_FOUND, "Record not found"));
    Passkey renamed = passkey.withName(name);
    s.storage.passkeys().update(renamed);
    s.audit.record(
        AuditEvents.PASSKEY_RENAMED,
        principal.user().id(),
        s.clientAddress.origin(exchange),
        Map.of("passkeyName", name));
    Api.json(exchange, json.get(), StatusCodes.OK, Dtos.PasskeyDto.of(renamed));
  }

  /** {@code DELETE /api/webauthn/credentials/:id}: 204 also when there was nothing to delete. */
  public void delete(HttpServerExchange exchange) {
    WebServices s = services.get();
    Principal principal = Api.requireUser(s, exchange);
    String id = Api.pathParam(exchange, CREDENTIALS);
    String name = s.storage.passkeys().findById(id).map(Passkey::name).orElse("");
    if (s.storage.passkeys().delete(principal.user().id(), id)) {
      s.audit.record(
          AuditEvents.PASSKEY_REMOVED,
          principal.user().id(),
          s.clientAddress.origin(exchange),
          Map.of("passkeyName", name));
    }
    Api.noContent(exchange);
  }

  private static void startCeremony(HttpServerExchange exchange, WebServices s, Ceremony ceremony) {
    s.cookies.set(exchange, Cookies.CEREMONY, ceremony.id(), Duration.ofSeconds(60));
    Responses.json(exchange, StatusCodes.OK, ceremony.optionsJson());
  }

  private static String ceremonyId(HttpServerExchange exchange, WebServices s) {
    String id =
        s.cookies
            .read(exchange, Cookies.CEREMONY)
            .orElseThrow(() -> new BadRequestException("Missing session id"));
    s.cookies.clear(exchange, Cookies.CEREMONY);
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

  private static void failure(HttpServerExchange exchange, PasskeyCeremonyException e) {
    int status =
        e.failure() == CeremonyFailure.DISABLED_USER
            ? StatusCodes.FORBIDDEN
            : StatusCodes.BAD_REQUEST;
    Responses.json(
        exchange,
        status,
        "{\"error\":"
            + Responses.quote(e.failure().message())
            + ",\"code\":"
            + Responses.quote(e.failure().name())
            + "}");
  }
}

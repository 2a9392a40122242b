package io.pocketid.server.internal.api;

import io.pocketid.core.model.SignupToken;
import io.pocketid.core.service.SignInService;
import io.pocketid.core.service.SignupService;
import io.pocketid.core.service.UserService;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.auth.ClientAddress;
import io.pocketid.server.internal.auth.RateLimiter;
import io.pocketid.server.internal.auth.SessionCookies;
import io.pocketid.server.internal.http.JsonBody;
import io.pocketid.server.internal.http.Responses;
import io.pocketid.server.internal.http.Routes;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Self-service sign-up ({@code POST /api/signup}, rate-limited, signs the new user in) and the
 * signup tokens administrators hand out ({@code /api/signup-tokens}).
 */
public final class SignupApi {
  private static final Set<String> SORTABLE =
      Set.of("expiresAt", "usageLimit", "usageCount", "createdAt");

  private final Access access;
  private final SignupService signups;
  private final UserService users;
  private final SessionCookies sessionCookies;
  private final ClientAddress clientAddress;
  private final RateLimiter signupLimit;

  public SignupApi(
      Access access,
      SignupService signups,
      UserService users,
      SessionCookies sessionCookies,
      ClientAddress clientAddress,
      RateLimiter signupLimit) {
    this.access = access;
    this.signups = signups;
    this.users = users;
    this.sessionCookies = sessionCookies;
    this.clientAddress = clientAddress;
    this.signupLimit = signupLimit;
  }

  /** {@code POST /api/signup}: 201 with the new user and a session cookie. */
  public void signUp(HttpServerExchange exchange) {
    var origin = clientAddress.origin(exchange);
    signupLimit.require(origin.ipAddress());
    JsonBody body = JsonBody.read(exchange.getInputStream());
    SignInService.SignedIn signedIn =
        signups.signUp(
            new SignupService.SignupRequest(
                body.string("username"),
                body.string("email"),
                body.string("firstName"),
                body.string("lastName"),
                body.string("token")),
            origin);
    sessionCookies.start(exchange, signedIn);
    Responses.write(exchange, StatusCodes.CREATED, Dtos.user(users.profile(signedIn.user())));
  }

  /** {@code POST /api/signup-tokens} with {@code {ttl, usageLimit}}: 201, the token once. */
  public void createToken(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    JsonBody body = JsonBody.read(exchange.getInputStream());
    Long limit = body.number("usageLimit");
    SignupService.NewSignupToken created =
        signups.createToken(
            GoDuration.read(body, "ttl"),
            limit == null
                ? 0
                : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, limit)));
    Map<String, Object> dto = dto(created.stored());
    dto.put("token", created.token());
    Responses.write(exchange, StatusCodes.CREATED, dto);
  }

  /** {@code GET /api/signup-tokens}: paginated; the token values are not stored, so not shown. */
  public void listTokens(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    var page = signups.listTokens(ListParams.pageRequest(exchange, SORTABLE));
    Responses.write(
        exchange,
        StatusCodes.OK,
        Dtos.page(page, page.items().stream().map(SignupApi::dto).toList()));
  }

  /** {@code DELETE /api/signup-tokens/{id}}: 204. */
  public void deleteToken(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    signups.deleteToken(Routes.param(exchange, "id"));
    Responses.noContent(exchange);
  }

  private static Map<String, Object> dto(SignupToken token) {
    Map<String, Object> dto = new LinkedHashMap<>();
    dto.put("id", token.id());
    dto.put("expiresAt", token.expiresAt());
    dto.put("usageLimit", token.usageLimit());
    dto.put("usageCount", token.usageCount());
    dto.put("createdAt", token.createdAt());
    return dto;
  }
}

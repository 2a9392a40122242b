package io.pocketid.oidc.grant;

import static io.pocketid.oidc.OAuthError.ACCESS_DENIED;
import static io.pocketid.oidc.OAuthError.AUTHORIZATION_PENDING;
import static io.pocketid.oidc.OAuthError.EXPIRED_TOKEN;
import static io.pocketid.oidc.OAuthError.INVALID_GRANT;
import static io.pocketid.oidc.OAuthError.SLOW_DOWN;

import io.pocketid.core.model.DeviceCode;
import io.pocketid.core.model.GroupAccess;
import io.pocketid.core.model.User;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.DeviceCodeStore;
import io.pocketid.core.store.Transactions;
import io.pocketid.core.store.UserStore;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.client.AuthenticatedClient;
import io.pocketid.oidc.token.UserClaimsLoader;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * RFC 8628 §3.4–3.5: the device polls with its device code. Pending → {@code
 * authorization_pending}; polled again sooner than the interval → {@code slow_down} (the poll time
 * is recorded either way, so a client that slows down gets through); denied → {@code access_denied}
 * (the code is consumed); expired → {@code expired_token}; approved → tokens, without nonce, and
 * the code is consumed.
 */
final class DeviceCodeGrant {
  private final OidcSettings settings;
  private final Transactions transactions;
  private final DeviceCodeStore deviceCodes;
  private final UserStore users;
  private final UserClaimsLoader claims;
  private final TokenIssuer issuer;
  private final Clock clock;

  DeviceCodeGrant(
      OidcSettings settings,
      Transactions transactions,
      DeviceCodeStore deviceCodes,
      UserStore users,
      UserClaimsLoader claims,
      TokenIssuer issuer,
      Clock clock) {
    this.settings = settings;
    this.transactions = transactions;
    this.deviceCodes = deviceCodes;
    this.users = users;
    this.claims = claims;
    this.issuer = issuer;
    this.clock = clock;
  }

  Outcome<TokenResponse> poll(AuthenticatedClient client, String deviceCode) {
    String hash = TokenHasher.hash(deviceCode);
    TokenIssuer.Fresh fresh = issuer.fresh();
    Outcome<TokenIssuer.Prepared> prepared =
        transactions.inTransaction(
            () -> {
              Optional<DeviceCode> found = deviceCodes.findByDeviceCodeHash(hash);
              if (found.isEmpty() || !found.get().clientId().equals(client.id())) {
                return Outcome.fail(INVALID_GRANT, "the device code is invalid");
              }
              DeviceCode code = found.get();
              Instant now = clock.instant();
              if (!now.isBefore(code.expiresAt())) {
                return Outcome.fail(EXPIRED_TOKEN, "the device code has expired");
              }
              return switch (code.status()) {
                case DENIED -> {
                  deviceCodes.consume(hash);
                  yield Outcome.<TokenIssuer.Prepared>fail(
                      ACCESS_DENIED, "the user denied the request");
                }
                case PENDING -> pending(code, now).map(r -> (TokenIssuer.Prepared) null);
                case AUTHORIZED -> authorized(client, hash, fresh);
              };
            });
    return prepared.map(issuer::sign);
  }

  private Outcome<TokenResponse> pending(DeviceCode code, Instant now) {
    boolean tooSoon =
        code.lastPolledAt() != null
            && now.isBefore(code.lastPolledAt().plus(settings.devicePollInterval()));
    deviceCodes.update(code.polledAt(now.truncatedTo(ChronoUnit.MILLIS)));
    return tooSoon
        ? Outcome.fail(SLOW_DOWN, "polling too fast; wait longer between requests")
        : Outcome.fail(AUTHORIZATION_PENDING, "the user has not approved the request yet");
  }

  private Outcome<TokenIssuer.Prepared> authorized(
      AuthenticatedClient client, String hash, TokenIssuer.Fresh fresh) {
    Optional<DeviceCode> consumed = deviceCodes.consume(hash);
    if (consumed.isEmpty() || consumed.get().userId() == null) {
      return Outcome.fail(INVALID_GRANT, "the device code is invalid");
    }
    DeviceCode code = consumed.get();
    Optional<User> user = users.findById(code.userId());
    if (user.isEmpty() || user.get().disabled()) {
      return Outcome.fail(INVALID_GRANT, "the user no longer exists or is disabled");
    }
    GroupAccess access = claims.access(client.id(), code.userId());
    if (!access.admits()) {
      return Outcome.fail(INVALID_GRANT, "You're not allowed to access this service");
    }
    Instant authTime = code.authTime() == null ? code.createdAt() : code.authTime();
    TokenIssuer.Prepared prepared =
        issuer.prepare(
            new TokenIssuer.Grant(
                user.get(),
                client.id(),
                TokenIssuer.scopes(code.scope()),
                code.scope(),
                null,
                authTime,
                null,
                UUID.randomUUID().toString(),
                access.userGroups()),
            fresh);
    issuer.store(prepared);
    return Outcome.ok(prepared);
  }
}

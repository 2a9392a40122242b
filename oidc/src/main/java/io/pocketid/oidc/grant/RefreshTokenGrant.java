package io.pocketid.oidc.grant;

import static io.pocketid.oidc.OAuthError.INVALID_GRANT;
import static io.pocketid.oidc.OAuthError.INVALID_SCOPE;

import io.pocketid.core.model.GroupAccess;
import io.pocketid.core.model.RefreshToken;
import io.pocketid.core.model.User;
import io.pocketid.core.store.RefreshTokenStore;
import io.pocketid.core.store.Transactions;
import io.pocketid.core.store.UserStore;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.client.AuthenticatedClient;
import io.pocketid.oidc.keys.KeyRing;
import io.pocketid.oidc.token.RefreshTokenHashes;
import io.pocketid.oidc.token.RevokedGrants;
import io.pocketid.oidc.token.UserClaimsLoader;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * RFC 6749 §6 with rotation and reuse detection (RFC 9700 §4.14.2): each use issues a new token in
 * the same family and marks the old one rotated; of two concurrent uses exactly one wins ({@code
 * markRotated}). Presenting a rotated token, or losing that race, deletes the whole family. The new
 * token keeps the original scope (RFC 6749 §6); a narrower {@code scope} only narrows the access
 * and ID token. Each rotation gives the new token a full lifetime, as Pocket ID does.
 *
 * <p>Imported Pocket ID v1.15 JWT refresh tokens are accepted (see {@link RefreshTokenHashes}).
 */
final class RefreshTokenGrant {
  private final OidcSettings settings;
  private final Transactions transactions;
  private final RefreshTokenStore refreshTokens;
  private final UserStore users;
  private final RevokedGrants revoked;
  private final UserClaimsLoader claims;
  private final TokenIssuer issuer;
  private final Supplier<KeyRing> keys;
  private final Clock clock;

  RefreshTokenGrant(
      OidcSettings settings,
      Transactions transactions,
      RefreshTokenStore refreshTokens,
      UserStore users,
      RevokedGrants revoked,
      UserClaimsLoader claims,
      TokenIssuer issuer,
      Supplier<KeyRing> keys,
      Clock clock) {
    this.settings = settings;
    this.transactions = transactions;
    this.refreshTokens = refreshTokens;
    this.users = users;
    this.revoked = revoked;
    this.claims = claims;
    this.issuer = issuer;
    this.keys = keys;
    this.clock = clock;
  }

  String hashOf(String token) {
    return RefreshTokenHashes.hashOf(token, keys.get(), settings.issuer());
  }

  /**
   * One read unit (the token, the user, the group restriction, the claims), the signatures outside
   * any unit, then one short write unit: mark the old token rotated (compare-and-set) and save the
   * new one. A token used concurrently loses the compare-and-set after signing, and its family is
   * revoked as before.
   */
  Outcome<TokenResponse> refresh(
      AuthenticatedClient client, String token, Optional<String> requestedScope) {
    String hash = hashOf(token);
    TokenIssuer.Fresh fresh = issuer.fresh();
    Checked checked = transactions.readOnly(() -> check(client, hash, requestedScope, fresh));
    if (checked.revokeFamily() != null) {
      transactions.inTransaction(() -> revokeFamily(checked.revokeFamily()));
    }
    if (checked.outcome().error() != null) {
      return checked.outcome().map(p -> null);
    }
    TokenIssuer.Prepared prepared = checked.outcome().value();
    TokenResponse response = issuer.sign(prepared);
    boolean rotated =
        transactions.inTransaction(
            () -> {
              if (!refreshTokens.markRotated(checked.stored().id())) {
                revokeFamily(checked.stored().familyId());
                return false;
              }
              issuer.store(prepared);
              return true;
            });
    if (!rotated) {
      return Outcome.fail(
          INVALID_GRANT, "the refresh token was used concurrently; its family is revoked");
    }
    return Outcome.ok(response);
  }

  /** The read step's result: the stored token, the outcome, a family to revoke (reuse). */
  private record Checked(
      RefreshToken stored, Outcome<TokenIssuer.Prepared> outcome, String revokeFamily) {
    static Checked fail(String code, String description) {
      return new Checked(null, Outcome.fail(code, description), null);
    }
  }

  private Checked check(
      AuthenticatedClient client,
      String hash,
      Optional<String> requestedScope,
      TokenIssuer.Fresh fresh) {
    Optional<RefreshToken> found = refreshTokens.findByHash(hash);
    if (found.isEmpty()) {
      return Checked.fail(INVALID_GRANT, "the refresh token is invalid or expired");
    }
    RefreshToken stored = found.get();
    if (!stored.clientId().equals(client.id())) {
      return Checked.fail(INVALID_GRANT, "the refresh token was issued to another client");
    }
    if (stored.rotated()) {
      return new Checked(
          stored,
          Outcome.fail(INVALID_GRANT, "the refresh token was already used; its family is revoked"),
          stored.familyId());
    }
    Instant now = clock.instant();
    if (!now.isBefore(stored.expiresAt())) {
      return Checked.fail(INVALID_GRANT, "the refresh token is invalid or expired");
    }
    List<String> granted = TokenIssuer.scopes(stored.scope());
    List<String> scopes = granted;
    if (requestedScope.isPresent()) {
      scopes = TokenIssuer.scopes(requestedScope.get());
      if (!granted.containsAll(scopes)) {
        return Checked.fail(INVALID_SCOPE, "scope may only narrow the granted scope");
      }
    }
    Optional<User> user =
        stored.userId() == null ? Optional.empty() : users.findById(stored.userId());
    if (user.isEmpty() || user.get().disabled()) {
      return Checked.fail(INVALID_GRANT, "the user no longer exists or is disabled");
    }
    GroupAccess access = claims.access(client.id(), user.get().id());
    if (!access.admits()) {
      return Checked.fail(INVALID_GRANT, "You're not allowed to access this service");
    }
    TokenIssuer.Prepared prepared =
        issuer.prepare(
            new TokenIssuer.Grant(
                user.get(),
                client.id(),
                scopes,
                stored.scope(),
                null,
                stored.authTime(),
                stored.sessionId(),
                stored.familyId(),
                access.userGroups()),
            fresh);
    return new Checked(stored, Outcome.ok(prepared), null);
  }

  /** Deletes the family and stops its access tokens at this provider's endpoints. */
  private boolean revokeFamily(String familyId) {
    refreshTokens.deleteFamily(familyId);
    revoked.revoke(familyId, clock.instant().plus(settings.accessTokenLifetime()));
    return true;
  }
}

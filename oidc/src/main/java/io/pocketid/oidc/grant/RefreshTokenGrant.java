package io.pocketid.oidc.grant;

import static io.pocketid.oidc.OAuthError.INVALID_GRANT;
import static io.pocketid.oidc.OAuthError.INVALID_SCOPE;

import io.pocketid.core.model.RefreshToken;
import io.pocketid.core.model.User;
import io.pocketid.core.store.Storage;
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
  private final Storage storage;
  private final UserClaimsLoader claims;
  private final TokenIssuer issuer;
  private final Supplier<KeyRing> keys;
  private final Clock clock;

  RefreshTokenGrant(
      OidcSettings settings,
      Storage storage,
      UserClaimsLoader claims,
      TokenIssuer issuer,
      Supplier<KeyRing> keys,
      Clock clock) {
    this.settings = settings;
    this.storage = storage;
    this.claims = claims;
    this.issuer = issuer;
    this.keys = keys;
    this.clock = clock;
  }

  String hashOf(String token) {
    return RefreshTokenHashes.hashOf(token, keys.get(), settings.issuer());
  }

  Outcome<TokenResponse> refresh(
      AuthenticatedClient client, String token, Optional<String> requestedScope) {
    String hash = hashOf(token);
    return storage.inTransaction(
        () -> {
          Optional<RefreshToken> found = storage.refreshTokens().findByHash(hash);
          if (found.isEmpty()) {
            return Outcome.fail(INVALID_GRANT, "the refresh token is invalid or expired");
          }
          RefreshToken stored = found.get();
          if (!stored.clientId().equals(client.id())) {
            return Outcome.fail(INVALID_GRANT, "the refresh token was issued to another client");
          }
          if (stored.rotated()) {
            revokeFamily(stored.familyId());
            return Outcome.fail(
                INVALID_GRANT, "the refresh token was already used; its family is revoked");
          }
          Instant now = clock.instant();
          if (!now.isBefore(stored.expiresAt())) {
            return Outcome.fail(INVALID_GRANT, "the refresh token is invalid or expired");
          }
          List<String> granted = TokenIssuer.scopes(stored.scope());
          List<String> scopes = granted;
          if (requestedScope.isPresent()) {
            scopes = TokenIssuer.scopes(requestedScope.get());
            if (!granted.containsAll(scopes)) {
              return Outcome.fail(INVALID_SCOPE, "scope may only narrow the granted scope");
            }
          }
          Optional<User> user =
              stored.userId() == null
                  ? Optional.empty()
                  : storage.users().findById(stored.userId());
          if (user.isEmpty() || user.get().disabled()) {
            return Outcome.fail(INVALID_GRANT, "the user no longer exists or is disabled");
          }
          if (!claims.mayUse(client.id(), user.get().id())) {
            return Outcome.fail(INVALID_GRANT, "You're not allowed to access this service");
          }
          if (!storage.refreshTokens().markRotated(stored.id())) {
            revokeFamily(stored.familyId());
            return Outcome.fail(
                INVALID_GRANT, "the refresh token was used concurrently; its family is revoked");
          }
          return Outcome.ok(
              issuer.issue(
                  new TokenIssuer.Grant(
                      user.get(),
                      client.id(),
                      scopes,
                      stored.scope(),
                      null,
                      stored.authTime(),
                      stored.sessionId(),
                      stored.familyId())));
        });
  }

  /** Deletes the family and stops its access tokens at this provider's endpoints. */
  private void revokeFamily(String familyId) {
    storage.refreshTokens().deleteFamily(familyId);
    new RevokedGrants(storage.keyValues())
        .revoke(familyId, clock.instant().plus(settings.accessTokenLifetime()));
  }
}

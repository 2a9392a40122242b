package io.pocketid.oidc.introspect;

import io.pocketid.core.model.RefreshToken;
import io.pocketid.core.store.RefreshTokenStore;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.client.AuthenticatedClient;
import io.pocketid.oidc.client.ClientAuthenticator;
import io.pocketid.oidc.internal.Params;
import io.pocketid.oidc.keys.KeyRing;
import io.pocketid.oidc.token.RefreshTokenHashes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Token revocation (RFC 7009). Revoking a refresh token deletes its whole family (every token
 * rotated from the same grant, §2.1). Access tokens are self-contained JWTs this provider cannot
 * take back: their revocation is accepted (200) and they stay valid until they expire (one hour by
 * default). Unknown tokens and tokens of another client are answered 200 without action (§2.2), so
 * the answer reveals nothing. Public clients may revoke their own refresh tokens.
 */
public final class RevocationService {
  private final OidcSettings settings;
  private final RefreshTokenStore refreshTokens;
  private final Supplier<KeyRing> keys;
  private final ClientAuthenticator authenticator;

  public RevocationService(
      OidcSettings settings,
      RefreshTokenStore refreshTokens,
      Supplier<KeyRing> keys,
      ClientAuthenticator authenticator) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
  }

  /**
   * Authenticates the caller from the request, then revokes.
   *
   * @return the caller when a refresh-token family was deleted (for the audit log), else empty
   */
  public Optional<AuthenticatedClient> revoke(
      Map<String, List<String>> params, Optional<String> authorization) throws OAuthException {
    Params form = Params.of(params);
    form.requireSingle("token", "token_type_hint");
    AuthenticatedClient caller = authenticator.authenticate(params, authorization);
    return revoke(caller, form.required("token")) ? Optional.of(caller) : Optional.empty();
  }

  /**
   * Revokes a token of the caller.
   *
   * @return whether a refresh-token family was deleted (for audit; the HTTP answer is 200 anyway)
   */
  public boolean revoke(AuthenticatedClient caller, String token) {
    String hash = RefreshTokenHashes.hashOf(token, keys.get(), settings.issuer());
    Optional<RefreshToken> found = refreshTokens.findByHash(hash);
    if (found.isEmpty() || !found.get().clientId().equals(caller.id())) {
      return false;
    }
    return refreshTokens.deleteFamily(found.get().familyId()) > 0;
  }
}

package io.pocketid.oidc.token;

import io.pocketid.core.store.RevokedGrantStore;
import java.time.Instant;
import java.util.Objects;

/**
 * Grants whose access tokens must no longer be honoured at this provider's own endpoints (userinfo,
 * introspection). Access tokens carry their grant id in a {@code grant_id} claim (the refresh-token
 * family id). A grant is marked when an attack is detected: an authorization code presented again
 * (RFC 6749 §4.1.2) or a rotated refresh token presented again (RFC 9700 §4.14.2). Resource servers
 * that validate the JWT themselves cannot see this; for them the token lives until it expires.
 *
 * <p>Kept in the {@link RevokedGrantStore}, shared by every instance. Each mark lasts until the
 * grant's last access token has expired ({@code uselessAfter}); the hourly cleanup then deletes it.
 * Ordinary revocation requests delete the refresh tokens and are not marked here.
 */
public final class RevokedGrants {
  private final RevokedGrantStore store;

  public RevokedGrants(RevokedGrantStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** Marks the grant revoked; {@code uselessAfter}: when its last access token expires. */
  public void revoke(String grantId, Instant uselessAfter) {
    store.revoke(grantId, uselessAfter);
  }

  public boolean isRevoked(String grantId) {
    return store.isRevoked(grantId);
  }
}

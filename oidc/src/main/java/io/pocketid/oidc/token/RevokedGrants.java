package io.pocketid.oidc.token;

import io.pocketid.core.store.KeyValueStore;
import java.time.Instant;
import java.util.Objects;

/**
 * Grants whose access tokens must no longer be honoured at this provider's own endpoints (userinfo,
 * introspection). Access tokens carry their grant id in a {@code grant_id} claim (the refresh-token
 * family id). A grant is marked when an attack is detected: an authorization code presented again
 * (RFC 6749 §4.1.2) or a rotated refresh token presented again (RFC 9700 §4.14.2). Resource servers
 * that validate the JWT themselves cannot see this; for them the token lives until it expires.
 *
 * <p>Kept in the {@link KeyValueStore} under {@code oidc.revoked-grant.<id>}, shared by every
 * instance. The store has no delete or expiry, so marks are kept only for these rare attack events
 * and not for ordinary revocation requests (which would add a row per logout); the value is the
 * instant after which the mark is useless, for a future cleanup.
 */
public final class RevokedGrants {
  static final String PREFIX = "oidc.revoked-grant.";

  private final KeyValueStore store;

  public RevokedGrants(KeyValueStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** Marks the grant revoked; {@code uselessAfter}: when its last access token expires. */
  public void revoke(String grantId, Instant uselessAfter) {
    store.put(PREFIX + grantId, uselessAfter.toString());
  }

  public boolean isRevoked(String grantId) {
    return store.get(PREFIX + grantId).isPresent();
  }
}

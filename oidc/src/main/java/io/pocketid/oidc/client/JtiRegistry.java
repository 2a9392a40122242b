package io.pocketid.oidc.client;

import java.time.Instant;

/**
 * Remembers the {@code jti} of client assertions until they expire (RFC 7523 §3 item 7), so an
 * intercepted assertion cannot be replayed. {@link InMemoryJtiRegistry} keeps them in this process
 * only; a deployment with several instances needs a shared implementation.
 */
@FunctionalInterface
public interface JtiRegistry {
  /**
   * Records the identifier.
   *
   * @param key issuer and jti together
   * @param expiresAt when the assertion expires (the key may be forgotten after that)
   * @return true the first time a key is seen, false for a replay
   */
  boolean firstUse(String key, Instant expiresAt, Instant now);
}

package io.pocketid.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Proof of a fresh passkey assertion, consumed by an authorization for a client that requires
 * reauthentication.
 *
 * @param id UUID
 * @param tokenHash hash of the token
 * @param createdAt creation time
 * @param expiresAt after this the token is refused
 * @param userId the user who reauthenticated
 */
public record ReauthenticationToken(
    String id, String tokenHash, Instant createdAt, Instant expiresAt, String userId) {
  public ReauthenticationToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(userId, "userId");
  }
}

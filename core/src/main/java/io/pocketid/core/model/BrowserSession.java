package io.pocketid.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in browser. The cookie carries a random id; only its hash is stored.
 *
 * @param id UUID, also used as the {@code sid} claim
 * @param idHash hash of the cookie value
 * @param userId who is signed in
 * @param createdAt creation time (also the authentication time)
 * @param expiresAt sliding expiry
 * @param lastSeenAt last request seen
 * @param ipAddress client IP at sign-in, nullable
 * @param userAgent user agent at sign-in, nullable
 * @param authMethod {@code passkey} or {@code login_code}
 */
public record BrowserSession(
    String id,
    String idHash,
    String userId,
    Instant createdAt,
    Instant expiresAt,
    Instant lastSeenAt,
    String ipAddress,
    String userAgent,
    String authMethod) {
  public BrowserSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(idHash, "idHash");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    Objects.requireNonNull(authMethod, "authMethod");
  }
}

package io.pocketid.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An API key that acts as its owner through the {@code X-API-KEY} header.
 *
 * @param id UUID
 * @param name shown in the UI
 * @param keyHash hash of the key
 * @param description nullable
 * @param createdAt creation time
 * @param expiresAt after this the key is refused
 * @param lastUsedAt nullable
 * @param userId owner
 * @param expirationEmailSent whether the expiry reminder went out
 */
public record ApiKey(
    String id,
    String name,
    String keyHash,
    String description,
    Instant createdAt,
    Instant expiresAt,
    Instant lastUsedAt,
    String userId,
    boolean expirationEmailSent) {
  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyHash, "keyHash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(userId, "userId");
  }
}

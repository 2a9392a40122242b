package io.pocketid.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A one-time access token ("login code"): single use, short-lived.
 *
 * @param id UUID
 * @param codeHash hash of the code
 * @param createdAt creation time
 * @param expiresAt after this the code is refused
 * @param userId who it signs in
 */
public record LoginCode(
    String id, String codeHash, Instant createdAt, Instant expiresAt, String userId) {
  public LoginCode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(codeHash, "codeHash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(userId, "userId");
  }
}

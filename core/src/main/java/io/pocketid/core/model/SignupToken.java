package io.pocketid.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An invitation that lets people sign up while signups need a token.
 *
 * @param id UUID
 * @param tokenHash hash of the token
 * @param createdAt creation time
 * @param expiresAt after this the token is refused
 * @param usageLimit how many sign-ups it allows (1..100)
 * @param usageCount how many it has been used for
 */
public record SignupToken(
    String id,
    String tokenHash,
    Instant createdAt,
    Instant expiresAt,
    int usageLimit,
    int usageCount) {
  public SignupToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}

package io.pocketid.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A pending WebAuthn ceremony (Pocket ID: {@code webauthn_sessions}). Stored so that a ceremony
 * started on one instance can finish on another; consumed exactly once.
 *
 * @param id opaque id handed to the browser in a short-lived cookie
 * @param challenge base64url challenge (unique)
 * @param createdAt creation time
 * @param expiresAt after this the ceremony is refused
 * @param userVerification {@code required}, {@code preferred} or {@code discouraged}
 * @param userId the user for a registration, nullable for a discoverable login
 * @param requestJson the serialized options the ceremony was started with (library specific)
 */
public record WebauthnChallenge(
    String id,
    String challenge,
    Instant createdAt,
    Instant expiresAt,
    String userVerification,
    String userId,
    String requestJson) {
  public WebauthnChallenge {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(challenge, "challenge");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(userVerification, "userVerification");
    Objects.requireNonNull(requestJson, "requestJson");
  }
}

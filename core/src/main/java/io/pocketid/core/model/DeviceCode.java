package io.pocketid.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An RFC 8628 device authorization.
 *
 * @param id UUID
 * @param deviceCodeHash hash of the device code
 * @param userCode the code the user types (stored as-is: short-lived, rate-limited, not a bearer
 *     credential on its own)
 * @param createdAt creation time
 * @param expiresAt after this the device code is refused with {@code expired_token}
 * @param clientId requesting client
 * @param scope requested scopes
 * @param status pending, authorized or denied
 * @param userId the approving user, nullable until approved
 * @param lastPolledAt last token-endpoint poll, nullable (for {@code slow_down})
 * @param authTime when the approving user authenticated, nullable
 */
public record DeviceCode(
    String id,
    String deviceCodeHash,
    String userCode,
    Instant createdAt,
    Instant expiresAt,
    String clientId,
    String scope,
    Status status,
    String userId,
    Instant lastPolledAt,
    Instant authTime) {
  /** The state of a device authorization. */
  public enum Status {
    PENDING,
    AUTHORIZED,
    DENIED
  }

  public DeviceCode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(deviceCodeHash, "deviceCodeHash");
    Objects.requireNonNull(userCode, "userCode");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(status, "status");
  }

  /** This code with the user's decision (the poll time kept). */
  public DeviceCode decided(Status status, String userId, Instant authTime) {
    return with(status, userId, lastPolledAt, authTime);
  }

  /** This code polled at {@code at}. */
  public DeviceCode polledAt(Instant at) {
    return with(status, userId, at, authTime);
  }

  private DeviceCode with(Status status, String userId, Instant lastPolledAt, Instant authTime) {
    return new DeviceCode(
        id,
        deviceCodeHash,
        userCode,
        createdAt,
        expiresAt,
        clientId,
        scope,
        status,
        userId,
        lastPolledAt,
        authTime);
  }
}

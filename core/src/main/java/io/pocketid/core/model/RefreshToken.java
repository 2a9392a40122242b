package io.pocketid.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A refresh token. Tokens rotate: each use issues a new token in the same family and marks the old
 * one {@code rotated}; presenting a rotated token again revokes the whole family.
 *
 * @param id UUID
 * @param tokenHash hash of the token value
 * @param familyId id shared by every token rotated from the same grant
 * @param createdAt creation time
 * @param expiresAt after this the token is refused
 * @param userId owner, nullable only for client_credentials-style grants (not issued today)
 * @param clientId client the token is bound to
 * @param scope space-separated scopes
 * @param rotated whether this token was already exchanged
 * @param sessionId browser session the grant came from, nullable
 * @param authTime when the user authenticated for the original grant
 */
public record RefreshToken(
    String id,
    String tokenHash,
    String familyId,
    Instant createdAt,
    Instant expiresAt,
    String userId,
    String clientId,
    String scope,
    boolean rotated,
    String sessionId,
    Instant authTime) {
  public RefreshToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(familyId, "familyId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(authTime, "authTime");
  }
}

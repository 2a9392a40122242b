package io.pocketid.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A single-use authorization code.
 *
 * @param id UUID
 * @param codeHash hash of the code (see {@link io.pocketid.core.security.TokenHasher})
 * @param createdAt creation time
 * @param expiresAt after this the code is refused
 * @param userId owner
 * @param clientId client it was issued to
 * @param redirectUri the redirect URI of the authorization request
 * @param scope space-separated granted scopes
 * @param nonce nullable
 * @param codeChallenge PKCE challenge, nullable
 * @param codeChallengeMethod {@code S256} or {@code plain}, nullable
 * @param sessionId browser session that authorized it (for {@code sid}), nullable
 * @param authTime when the user authenticated
 */
public record AuthorizationCode(
    String id,
    String codeHash,
    Instant createdAt,
    Instant expiresAt,
    String userId,
    String clientId,
    String redirectUri,
    String scope,
    String nonce,
    String codeChallenge,
    String codeChallengeMethod,
    String sessionId,
    Instant authTime) {
  public AuthorizationCode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(codeHash, "codeHash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(authTime, "authTime");
  }
}

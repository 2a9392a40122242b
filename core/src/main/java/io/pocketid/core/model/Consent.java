package io.pocketid.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's consent to a client for a set of scopes (Pocket ID: {@code
 * user_authorized_oidc_clients}).
 *
 * @param userId the user
 * @param clientId the client
 * @param scope space-separated scopes consented to
 * @param lastUsedAt last time an authorization used this consent
 */
public record Consent(String userId, String clientId, String scope, Instant lastUsedAt) {
  public Consent {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
  }
}

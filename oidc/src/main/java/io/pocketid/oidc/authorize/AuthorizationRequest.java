package io.pocketid.oidc.authorize;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A validated authorization request.
 *
 * @param clientId the client
 * @param redirectUri the redirect URI to answer to (matched against the client's registration)
 * @param scopes granted-scope candidates in request order, unknown scopes dropped; contains {@code
 *     openid}
 * @param state nullable
 * @param nonce nullable
 * @param codeChallenge nullable
 * @param codeChallengeMethod {@code S256} when {@code codeChallenge} is set, else null
 * @param responseMode {@code query} or {@code form_post}
 * @param prompts the {@code prompt} values (empty when absent)
 * @param maxAgeSeconds nullable
 * @param loginHint nullable
 */
public record AuthorizationRequest(
    String clientId,
    String redirectUri,
    List<String> scopes,
    String state,
    String nonce,
    String codeChallenge,
    String codeChallengeMethod,
    String responseMode,
    Set<String> prompts,
    Long maxAgeSeconds,
    String loginHint) {
  public AuthorizationRequest {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(redirectUri, "redirectUri");
    scopes = List.copyOf(scopes);
    Objects.requireNonNull(responseMode, "responseMode");
    prompts = Set.copyOf(prompts);
  }

  /** The scopes as a space-separated string. */
  public String scope() {
    return String.join(" ", scopes);
  }
}

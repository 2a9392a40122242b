package io.pocketid.oidc.logout;

import java.util.Objects;
import java.util.Optional;

/**
 * What to do with an end-session request.
 *
 * @param confirmationRequired ask the user before logging out (no or invalid {@code id_token_hint},
 *     or a hint for another user than the signed-in one)
 * @param redirectUri where to send the browser afterwards, {@code state} already appended; empty:
 *     show this provider's logged-out page
 * @param clientId the client the request is for, when known
 * @param subject the {@code sub} of a valid hint
 * @param sessionId the {@code sid} of a valid hint
 * @param problem why the request was not fully honoured (for logs), empty when it was
 */
public record EndSessionDecision(
    boolean confirmationRequired,
    Optional<String> redirectUri,
    Optional<String> clientId,
    Optional<String> subject,
    Optional<String> sessionId,
    Optional<String> problem) {
  public EndSessionDecision {
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(problem, "problem");
  }
}

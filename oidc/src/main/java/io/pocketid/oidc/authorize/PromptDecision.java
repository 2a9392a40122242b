package io.pocketid.oidc.authorize;

import io.pocketid.oidc.OAuthError;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What to do with a valid authorization request given the browser's state (OIDC Core §3.1.2.1
 * {@code prompt} and {@code max_age}, §3.1.2.6 errors). A pure function.
 *
 * @param action what to do next
 * @param error the error to send back to the client when {@code action} is {@link Action#ERROR}
 */
public record PromptDecision(Action action, OAuthError error) {
  /** The next step. */
  public enum Action {
    /** Sign the user in (again). */
    LOGIN,
    /** Show the consent screen. */
    CONSENT,
    /** Complete the authorization. */
    PROCEED,
    /** Redirect to the client with {@link PromptDecision#error()}. */
    ERROR
  }

  public PromptDecision {
    Objects.requireNonNull(action, "action");
    if ((action == Action.ERROR) != (error != null)) {
      throw new IllegalArgumentException("an error goes with ERROR, and only with it");
    }
  }

  /**
   * Decides the next step.
   *
   * @param authTime when the signed-in user authenticated; empty when nobody is signed in
   * @param justAuthenticated whether the user signed in during this very request (satisfies {@code
   *     prompt=login} and {@code max_age})
   * @param consentRequired from {@link AuthorizationCompletion#consentRequired}
   */
  public static PromptDecision decide(
      AuthorizationRequest request,
      Optional<Instant> authTime,
      boolean justAuthenticated,
      boolean consentRequired,
      Instant now) {
    boolean none = request.prompts().contains("none");
    boolean loginNeeded =
        authTime.isEmpty()
            || (!justAuthenticated
                && (request.prompts().contains("login")
                    || tooOld(authTime.get(), request.maxAgeSeconds(), now)));
    if (loginNeeded) {
      return none
          ? error(OAuthError.LOGIN_REQUIRED, "the user is not signed in (prompt=none)")
          : new PromptDecision(Action.LOGIN, null);
    }
    if (consentRequired || request.prompts().contains("consent")) {
      return none
          ? error(OAuthError.CONSENT_REQUIRED, "the user has not consented (prompt=none)")
          : new PromptDecision(Action.CONSENT, null);
    }
    return new PromptDecision(Action.PROCEED, null);
  }

  private static boolean tooOld(Instant authTime, Long maxAgeSeconds, Instant now) {
    return maxAgeSeconds != null && authTime.plusSeconds(maxAgeSeconds).isBefore(now);
  }

  private static PromptDecision error(String code, String description) {
    return new PromptDecision(Action.ERROR, new OAuthError(code, description));
  }
}

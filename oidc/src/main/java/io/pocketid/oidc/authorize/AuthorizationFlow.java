package io.pocketid.oidc.authorize;

import io.pocketid.core.audit.AuditEvents;
import io.pocketid.core.audit.AuditService;
import io.pocketid.core.audit.RequestOrigin;
import io.pocketid.core.auth.ReauthenticationService;
import io.pocketid.core.model.BrowserSession;
import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.User;
import io.pocketid.oidc.OAuthError;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.token.UserClaimsLoader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The authorize sequence for a signed-in user, written once for {@code /authorize} and the JSON
 * authorization API: may the user use the client, what {@code prompt} and {@code max_age} ask for,
 * whether a fresh passkey is needed, consent, then the code (audited).
 *
 * <p>A fresh passkey is needed when the client requires reauthentication, for {@code prompt=login}
 * and when {@code max_age} has passed; a sign-in less than {@link #JUST_SIGNED_IN} ago counts as
 * fresh. It is proven by a reauthentication token ({@link ReauthenticationService}).
 */
public final class AuthorizationFlow {
  public static final Duration JUST_SIGNED_IN = Duration.ofSeconds(60);

  private final Function<String, Optional<OidcClient>> clients;
  private final UserClaimsLoader claims;
  private final AuthorizationCompletion completion;
  private final ReauthenticationService reauthentication;
  private final AuditService audit;
  private final Clock clock;

  public AuthorizationFlow(
      Function<String, Optional<OidcClient>> clients,
      UserClaimsLoader claims,
      AuthorizationCompletion completion,
      ReauthenticationService reauthentication,
      AuditService audit,
      Clock clock) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.claims = Objects.requireNonNull(claims, "claims");
    this.completion = Objects.requireNonNull(completion, "completion");
    this.reauthentication = Objects.requireNonNull(reauthentication, "reauthentication");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** What to do next. */
  public sealed interface Step {}

  /** Send the error back to the client (by its redirect URI). */
  public record ErrorToClient(String code, String description) implements Step {}

  /** The user may not use this client (not in an allowed group). */
  public record NotAllowed() implements Step {}

  /**
   * Ask the user: consent and/or a fresh passkey.
   *
   * @param error a message for the user when a previous answer was not enough, else null
   */
  public record AskUser(OidcClient client, boolean reauthenticate, boolean showScopes, String error)
      implements Step {}

  /** Done: the code (and the rest of the response) for the client. */
  public record Completed(AuthorizationCompletion.Completed result) implements Step {}

  /** Completion failed for another reason. */
  public record Failed(int status, String description) implements Step {}

  /** The user arrives with a valid request (no answer given yet). */
  public Step arrive(
      AuthorizationRequest request, User user, BrowserSession session, RequestOrigin origin) {
    OidcClient client = client(request);
    if (!claims.mayUse(client.id(), user.id())) {
      return new NotAllowed();
    }
    Instant authTime = session.createdAt();
    Instant now = clock.instant();
    boolean consentRequired = completion.consentRequired(user.id(), client.id(), request.scopes());
    PromptDecision decision =
        PromptDecision.decide(
            request, Optional.of(authTime), justSignedIn(authTime, now), consentRequired, now);
    if (decision.action() == PromptDecision.Action.ERROR) {
      return new ErrorToClient(decision.error().code(), decision.error().description());
    }
    boolean reauth = needsFreshPasskey(decision, client);
    if (reauth && request.prompts().contains("none")) {
      return new ErrorToClient(OAuthError.LOGIN_REQUIRED, "a fresh sign-in is required");
    }
    if (decision.action() == PromptDecision.Action.PROCEED && !reauth) {
      return complete(request, user, session, authTime, origin);
    }
    return new AskUser(client, reauth, consentRequired, null);
  }

  /**
   * The user's answer on the consent page: allowed or not, with a reauthentication token when a
   * fresh passkey was asked for.
   */
  public Step answer(
      AuthorizationRequest request,
      User user,
      BrowserSession session,
      boolean allowed,
      String reauthenticationToken,
      RequestOrigin origin) {
    if (!allowed) {
      return new ErrorToClient(OAuthError.ACCESS_DENIED, "the user denied the request");
    }
    OidcClient client = client(request);
    if (!claims.mayUse(client.id(), user.id())) {
      return new NotAllowed();
    }
    Instant authTime = session.createdAt();
    Instant now = clock.instant();
    PromptDecision decision =
        PromptDecision.decide(
            request, Optional.of(authTime), justSignedIn(authTime, now), false, now);
    if (needsFreshPasskey(decision, client)) {
      if (!reauthentication.consume(reauthenticationToken, user.id())) {
        return new AskUser(client, true, true, "Confirm with your passkey to continue.");
      }
      authTime = now;
    }
    return complete(request, user, session, authTime, origin);
  }

  /**
   * The JSON API: completes at once (consent implied by the call). A client that requires
   * reauthentication needs a valid token: else {@link AskUser} with {@code reauthenticate}.
   */
  public Step authorizeNow(
      AuthorizationRequest request,
      User user,
      BrowserSession session,
      String reauthenticationToken,
      RequestOrigin origin) {
    OidcClient client = client(request);
    Instant authTime = session.createdAt();
    if (client.requiresReauthentication()) {
      if (!reauthentication.consume(reauthenticationToken, user.id())) {
        return new AskUser(client, true, false, "reauthentication required");
      }
      authTime = clock.instant();
    }
    return complete(request, user, session, authTime, origin);
  }

  private Step complete(
      AuthorizationRequest request,
      User user,
      BrowserSession session,
      Instant authTime,
      RequestOrigin origin) {
    AuthorizationCompletion.Completed done;
    try {
      done = completion.complete(request, user, session.id(), authTime);
    } catch (OAuthException e) {
      return new Failed(e.status(), e.error().description());
    }
    audit.record(
        done.newConsent() ? AuditEvents.NEW_CLIENT_AUTHORIZATION : AuditEvents.CLIENT_AUTHORIZATION,
        user.id(),
        origin,
        Map.of("clientName", done.clientName()));
    return new Completed(done);
  }

  private OidcClient client(AuthorizationRequest request) {
    // A valid request names a registered client.
    return clients.apply(request.clientId()).orElseThrow();
  }

  private static boolean needsFreshPasskey(PromptDecision decision, OidcClient client) {
    return decision.action() == PromptDecision.Action.LOGIN || client.requiresReauthentication();
  }

  private static boolean justSignedIn(Instant authTime, Instant now) {
    return !authTime.plus(JUST_SIGNED_IN).isBefore(now);
  }
}

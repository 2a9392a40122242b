package io.pocketid.oidc.logout;

import io.pocketid.core.audit.AuditEvents;
import io.pocketid.core.audit.AuditService;
import io.pocketid.core.audit.RequestOrigin;
import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.User;
import io.pocketid.core.service.SignInService;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * RP-initiated logout once it is decided: the audit event, the end of the browser session, the
 * back-channel logout tokens (sent on {@code background}, never on the request thread) and the
 * refresh tokens of the client that asked.
 */
public final class LogoutFlow {
  private final EndSessionService endSession;
  private final SignInService signIn;
  private final Function<String, Optional<OidcClient>> clients;
  private final AuditService audit;
  private final BackchannelLogoutSender sender;
  private final Executor background;

  public LogoutFlow(
      EndSessionService endSession,
      SignInService signIn,
      Function<String, Optional<OidcClient>> clients,
      AuditService audit,
      BackchannelLogoutSender sender,
      Executor background) {
    this.endSession = Objects.requireNonNull(endSession, "endSession");
    this.signIn = Objects.requireNonNull(signIn, "signIn");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.background = Objects.requireNonNull(background, "background");
  }

  /** What the request asks for (see {@link EndSessionService#decide}). */
  public EndSessionDecision decide(Map<String, List<String>> params, Optional<String> userId) {
    return endSession.decide(params, userId);
  }

  /**
   * Signs {@code user} out of the session behind {@code sessionCookie} ({@code sessionId}) as
   * {@code decision} says.
   */
  public void signOut(
      User user,
      String sessionId,
      String sessionCookie,
      EndSessionDecision decision,
      RequestOrigin origin) {
    String clientName = decision.clientId().flatMap(clients).map(OidcClient::name).orElse("");
    audit.record(AuditEvents.LOGOUT, user.id(), origin, Map.of("clientName", clientName));
    signIn.signOut(sessionCookie, origin);
    for (BackchannelDelivery delivery : endSession.backchannelDeliveries(user.id(), sessionId)) {
      background.execute(() -> sender.send(delivery));
    }
    endSession.revokeClientGrants(user.id(), decision);
  }
}

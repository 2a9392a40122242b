package io.pocketid.core.service;

import io.pocketid.core.audit.AuditEvents;
import io.pocketid.core.audit.AuditService;
import io.pocketid.core.audit.RequestOrigin;
import io.pocketid.core.auth.LoginCodeService;
import io.pocketid.core.auth.ReauthenticationService;
import io.pocketid.core.auth.SessionService;
import io.pocketid.core.model.BrowserSession;
import io.pocketid.core.model.User;
import java.util.Map;
import java.util.Objects;

/**
 * Signing in and out: a passkey, a login code or first-run setup becomes a browser session, and
 * each is written to the audit log. Also reauthentication (a fresh passkey for a sensitive step).
 */
public final class SignInService {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(SignInService.class);

  private final SessionService sessions;
  private final LoginCodeService loginCodes;
  private final SetupService setup;
  private final ReauthenticationService reauthentication;
  private final PasskeyVerifier passkeys;
  private final AuditService audit;
  private final SignInNotifier notifier;

  /** Hears of passkey sign-ins before they are recorded (the new-device mail). */
  @FunctionalInterface
  public interface SignInNotifier {
    /** No notifications. */
    SignInNotifier NONE = (user, origin) -> {};

    /** Must not throw. */
    void passkeySignIn(User user, RequestOrigin origin);
  }

  public SignInService(
      SessionService sessions,
      LoginCodeService loginCodes,
      SetupService setup,
      ReauthenticationService reauthentication,
      PasskeyVerifier passkeys,
      AuditService audit,
      SignInNotifier notifier) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.loginCodes = Objects.requireNonNull(loginCodes, "loginCodes");
    this.setup = Objects.requireNonNull(setup, "setup");
    this.reauthentication = Objects.requireNonNull(reauthentication, "reauthentication");
    this.passkeys = Objects.requireNonNull(passkeys, "passkeys");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
  }

  /** A new browser session: its cookie value and the user. */
  public record SignedIn(User user, SessionService.NewSession session) {
    public String cookieValue() {
      return session.cookieValue();
    }
  }

  /**
   * Signs in with a passkey assertion; a failure is audited ({@code SIGN_IN_FAILED} with the
   * reason) and rethrown.
   *
   * @throws PasskeyRejected when the assertion is not acceptable
   */
  public SignedIn withPasskey(String ceremonyId, String responseJson, RequestOrigin origin) {
    PasskeyVerifier.Verified verified;
    try {
      verified = passkeys.verifyAssertion(ceremonyId, responseJson);
    } catch (PasskeyRejected e) {
      audit.record(
          AuditEvents.SIGN_IN_FAILED, e.userId().orElse(null), origin, Map.of("reason", e.code()));
      throw e;
    }
    SignedIn signedIn = start(verified.user(), SessionService.METHOD_PASSKEY, origin);
    try {
      notifier.passkeySignIn(verified.user(), origin);
    } catch (RuntimeException e) {
      // A notification never fails a sign-in.
      LOG.warn("Sign-in notification failed: {}", e.toString());
    }
    audit.record(
        AuditEvents.SIGN_IN,
        verified.user().id(),
        origin,
        Map.of("passkeyName", verified.passkey().name()));
    return signedIn;
  }

  /**
   * Signs in with a login code (consumed).
   *
   * @throws io.pocketid.core.auth.AuthFailure for an unknown, used or expired code
   */
  public SignedIn withLoginCode(String code, RequestOrigin origin) {
    User user = loginCodes.exchange(code);
    SignedIn signedIn = start(user, SessionService.METHOD_LOGIN_CODE, origin);
    audit.record(AuditEvents.TOKEN_SIGN_IN, user.id(), origin);
    return signedIn;
  }

  /**
   * First-run setup: creates the initial admin and signs them in.
   *
   * @throws ServiceException INVALID_INPUT, or SETUP_ALREADY_COMPLETED when a user exists
   */
  public SignedIn setUp(SetupRequest request, RequestOrigin origin) {
    User admin = setup.createInitialAdmin(request);
    SignedIn signedIn = start(admin, SessionService.METHOD_SETUP, origin);
    audit.record(
        AuditEvents.ACCOUNT_CREATED, admin.id(), origin, Map.of("method", "initial_setup"));
    return signedIn;
  }

  /** Whether first-run setup is still to be done (no user exists). */
  public boolean isSetupPending() {
    return setup.isSetupPending();
  }

  /** Ends the session behind {@code cookieValue}, if it is active, and audits the sign-out. */
  public void signOut(String cookieValue, RequestOrigin origin) {
    sessions
        .resolve(cookieValue)
        .ifPresent(
            active -> {
              sessions.end(cookieValue);
              audit.record(AuditEvents.SIGN_OUT, active.user().id(), origin);
            });
  }

  /**
   * A reauthentication token for the signed-in {@code user}: with an assertion ({@code ceremonyId}
   * and {@code responseJson} not null) from one of the user's passkeys, or without one when {@code
   * session} was started by a passkey less than a minute ago.
   *
   * @throws ServiceException UNAUTHENTICATED when neither holds, or the passkey is another user's
   * @throws PasskeyRejected when the assertion is not acceptable
   */
  public String reauthenticate(
      User user, BrowserSession session, String ceremonyId, String responseJson) {
    if (responseJson == null) {
      return reauthentication
          .issueForRecentPasskeySignIn(session)
          .orElseThrow(
              () ->
                  new ServiceException(
                      ServiceError.UNAUTHENTICATED,
                      "reauthentication required: sign in with a passkey"));
    }
    PasskeyVerifier.Verified verified = passkeys.verifyAssertion(ceremonyId, responseJson);
    if (!verified.user().id().equals(user.id())) {
      throw new ServiceException(
          ServiceError.UNAUTHENTICATED, "The passkey belongs to another user");
    }
    return reauthentication.issue(user.id());
  }

  private SignedIn start(User user, String method, RequestOrigin origin) {
    return new SignedIn(
        user, sessions.start(user.id(), method, origin.ipAddress(), origin.userAgent()));
  }
}

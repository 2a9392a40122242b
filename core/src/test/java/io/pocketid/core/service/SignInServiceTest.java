package io.pocketid.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.audit.AuditEvents;
import io.pocketid.core.audit.AuditService;
import io.pocketid.core.audit.GeoLocator;
import io.pocketid.core.audit.RequestOrigin;
import io.pocketid.core.auth.AuthFailure;
import io.pocketid.core.auth.LoginCodeService;
import io.pocketid.core.auth.ReauthenticationService;
import io.pocketid.core.auth.SessionService;
import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.model.Passkey;
import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.contract.Fixtures;
import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SignInServiceTest {
  private static final RequestOrigin ORIGIN = new RequestOrigin("192.0.2.7", "test-agent");

  private final TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final InMemoryStorage storage = new InMemoryStorage();
  private final RandomTokens random = new RandomTokens();
  private final SessionService sessions =
      new SessionService(storage, clock, random, () -> Duration.ofHours(1));
  private final LoginCodeService loginCodes = new LoginCodeService(storage, clock, random);
  private final ReauthenticationService reauthentication =
      new ReauthenticationService(storage, clock, random);
  private final User alice = Fixtures.user("alice").build();
  private final Passkey alicesKey = Fixtures.passkey("Phone", alice).build();
  private final ScriptedVerifier verifier = new ScriptedVerifier();
  private final SignInService service =
      new SignInService(
          sessions,
          loginCodes,
          new SetupService(storage, clock, () -> UUID.randomUUID().toString(), () -> true),
          reauthentication,
          verifier,
          new AuditService(storage.auditLog(), clock, GeoLocator.NONE),
          SignInService.SignInNotifier.NONE);

  /** Answers with what the test sets, as a WebAuthn library would after verifying. */
  private static final class ScriptedVerifier implements PasskeyVerifier {
    Verified next;
    PasskeyRejected failure;

    @Override
    public Verified verifyAssertion(String ceremonyId, String responseJson) {
      if (failure != null) {
        throw failure;
      }
      return next;
    }

    @Override
    public Passkey register(String ceremonyId, User user, String responseJson) {
      throw new UnsupportedOperationException();
    }
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private List<AuditEvent> audit() {
    return storage.auditLog().list(null, PageRequest.of(1, 50)).items();
  }

  @Test
  void withPasskeyWhenVerifiedThenStartsAPasskeySessionAndAuditsTheSignIn() {
    storage.users().create(alice);
    verifier.next = new PasskeyVerifier.Verified(alice, alicesKey);

    SignInService.SignedIn signedIn = service.withPasskey("ceremony", "{}", ORIGIN);

    assertThat(sessions.resolve(signedIn.cookieValue()))
        .hasValueSatisfying(
            active -> {
              assertThat(active.user().id()).isEqualTo(alice.id());
              assertThat(active.session().authMethod()).isEqualTo(SessionService.METHOD_PASSKEY);
            });
    assertThat(audit())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.event()).isEqualTo(AuditEvents.SIGN_IN);
              assertThat(e.data()).containsEntry("passkeyName", "Phone");
              assertThat(e.ipAddress()).isEqualTo("192.0.2.7");
            });
  }

  @Test
  void withPasskeyWhenRejectedThenAuditsTheFailureWithItsReasonAndStartsNoSession() {
    storage.users().create(alice);
    verifier.failure = new PasskeyRejected("UNKNOWN_CREDENTIAL", "Unknown passkey", null, false);

    assertThatThrownBy(() -> service.withPasskey("ceremony", "{}", ORIGIN))
        .isInstanceOf(PasskeyRejected.class)
        .hasMessage("Unknown passkey");

    assertThat(audit())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.event()).isEqualTo(AuditEvents.SIGN_IN_FAILED);
              assertThat(e.data()).containsEntry("reason", "UNKNOWN_CREDENTIAL");
            });
    assertThat(sessions.endAll(alice.id())).isZero();
  }

  @Test
  void withLoginCodeWhenValidThenSignsInOnceAndTheCodeIsSpent() {
    storage.users().create(alice);
    String code = loginCodes.create(alice.id(), Duration.ofMinutes(15));

    SignInService.SignedIn signedIn = service.withLoginCode(code, ORIGIN);

    assertThat(signedIn.user().id()).isEqualTo(alice.id());
    assertThat(audit()).extracting(AuditEvent::event).containsExactly(AuditEvents.TOKEN_SIGN_IN);
    assertThatThrownBy(() -> service.withLoginCode(code, ORIGIN)).isInstanceOf(AuthFailure.class);
  }

  @Test
  void setUpWhenNoUserExistsThenCreatesTheAdminSignsThemInAndAuditsIt() {
    SignInService.SignedIn signedIn =
        service.setUp(new SetupRequest("admin", "admin@example.com", "Ada", "Admin"), ORIGIN);

    assertThat(signedIn.user().admin()).isTrue();
    assertThat(service.isSetupPending()).isFalse();
    assertThat(audit())
        .singleElement()
        .satisfies(e -> assertThat(e.data()).containsEntry("method", "initial_setup"));
    assertThatThrownBy(
            () -> service.setUp(new SetupRequest("second", "s@example.com", "S", "S"), ORIGIN))
        .isInstanceOf(ServiceException.class)
        .extracting(e -> ((ServiceException) e).error())
        .isEqualTo(ServiceError.SETUP_ALREADY_COMPLETED);
  }

  @Test
  void signOutEndsTheSessionAndAuditsOnlyWhenItWasActive() {
    storage.users().create(alice);
    verifier.next = new PasskeyVerifier.Verified(alice, alicesKey);
    String cookie = service.withPasskey("ceremony", "{}", ORIGIN).cookieValue();

    service.signOut(cookie, ORIGIN);
    service.signOut(cookie, ORIGIN);

    assertThat(sessions.resolve(cookie)).isEmpty();
    assertThat(audit())
        .extracting(AuditEvent::event)
        .containsExactlyInAnyOrder(AuditEvents.SIGN_IN, AuditEvents.SIGN_OUT);
  }

  @Test
  void reauthenticateWithAnotherUsersPasskeyIsRefused() {
    storage.users().create(alice);
    User bob = Fixtures.user("bob").build();
    storage.users().create(bob);
    verifier.next = new PasskeyVerifier.Verified(alice, alicesKey);
    var session = sessions.start(bob.id(), SessionService.METHOD_LOGIN_CODE, null, null).session();

    assertThatThrownBy(() -> service.reauthenticate(bob, session, "ceremony", "{}"))
        .isInstanceOf(ServiceException.class)
        .hasMessage("The passkey belongs to another user");
  }

  @Test
  void reauthenticateWithoutAssertionNeedsARecentPasskeySession() {
    storage.users().create(alice);
    verifier.next = new PasskeyVerifier.Verified(alice, alicesKey);
    SignInService.SignedIn passkeySession = service.withPasskey("ceremony", "{}", ORIGIN);
    var codeSession =
        sessions.start(alice.id(), SessionService.METHOD_LOGIN_CODE, null, null).session();

    String token = service.reauthenticate(alice, passkeySession.session().session(), null, null);

    assertThat(reauthentication.consume(token, alice.id())).isTrue();
    assertThatThrownBy(() -> service.reauthenticate(alice, codeSession, null, null))
        .isInstanceOf(ServiceException.class)
        .extracting(e -> ((ServiceException) e).error())
        .isEqualTo(ServiceError.UNAUTHENTICATED);
  }
}

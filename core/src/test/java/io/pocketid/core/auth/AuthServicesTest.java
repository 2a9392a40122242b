package io.pocketid.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.ApiKey;
import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AuthServicesTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-11-26T10:00:00Z"));
  private final InMemoryStorage storage = new InMemoryStorage();
  private final RandomTokens random = new RandomTokens();
  private final User alice = createUser("alice", false);

  @AfterEach
  void close() {
    storage.close();
  }

  private User createUser(String name, boolean disabled) {
    User user =
        new User(
            UUID.randomUUID().toString(),
            clock.instant(),
            name,
            name + "@example.com",
            "A",
            "B",
            "A B",
            false,
            null,
            null,
            disabled);
    storage.users().create(user);
    return user;
  }

  @Nested
  class Sessions {
    private final SessionService sessions =
        new SessionService(storage, clock, random, () -> Duration.ofMinutes(60));

    @Test
    void startWhenUserSignsInThenOnlyTheHashIsStoredAndTheCookieResolves() {
      SessionService.NewSession started = sessions.start(alice.id(), "passkey", "10.0.0.1", "UA");
      assertThat(started.session().idHash()).isEqualTo(TokenHasher.hash(started.cookieValue()));
      assertThat(started.session().idHash()).isNotEqualTo(started.cookieValue());
      assertThat(sessions.resolve(started.cookieValue()))
          .hasValueSatisfying(s -> assertThat(s.user().id()).isEqualTo(alice.id()));
    }

    @Test
    void resolveWhenExpiredThenEmpty() {
      String cookie = sessions.start(alice.id(), "passkey", null, null).cookieValue();
      clock.advance(Duration.ofMinutes(61));
      assertThat(sessions.resolve(cookie)).isEmpty();
    }

    @Test
    void resolveWhenLessThanHalfTheLifetimeLeftThenExpiryIsExtended() {
      String cookie = sessions.start(alice.id(), "passkey", null, null).cookieValue();
      clock.advance(Duration.ofMinutes(40));
      SessionService.ActiveSession renewed = sessions.resolve(cookie).orElseThrow();
      assertThat(renewed.renewed()).isTrue();
      assertThat(renewed.session().expiresAt())
          .isEqualTo(clock.instant().plus(Duration.ofMinutes(60)));
      clock.advance(Duration.ofMinutes(50)); // 90 min after start: alive only thanks to renewal
      assertThat(sessions.resolve(cookie)).isPresent();
    }

    @Test
    void resolveWhenMoreThanHalfTheLifetimeLeftThenExpiryIsUnchanged() {
      SessionService.NewSession started = sessions.start(alice.id(), "passkey", null, null);
      clock.advance(Duration.ofMinutes(10));
      SessionService.ActiveSession active = sessions.resolve(started.cookieValue()).orElseThrow();
      assertThat(active.renewed()).isFalse();
      assertThat(active.session().expiresAt()).isEqualTo(started.session().expiresAt());
    }

    @Test
    void endWhenLoggingOutThenTheCookieNoLongerResolves() {
      String cookie = sessions.start(alice.id(), "passkey", null, null).cookieValue();
      assertThat(sessions.end(cookie)).isTrue();
      assertThat(sessions.resolve(cookie)).isEmpty();
    }

    @Test
    void endAllWhenCalledThenEverySessionOfTheUserEnds() {
      String first = sessions.start(alice.id(), "passkey", null, null).cookieValue();
      String second = sessions.start(alice.id(), "login_code", null, null).cookieValue();
      User bob = createUser("bob", false);
      String bobs = sessions.start(bob.id(), "passkey", null, null).cookieValue();
      assertThat(sessions.endAll(alice.id())).isEqualTo(2);
      assertThat(sessions.resolve(first)).isEmpty();
      assertThat(sessions.resolve(second)).isEmpty();
      assertThat(sessions.resolve(bobs)).isPresent();
    }

    @Test
    void resolveWhenUserDeletedOrCookieGarbageThenEmpty() {
      String cookie = sessions.start(alice.id(), "passkey", null, null).cookieValue();
      storage.users().delete(alice.id());
      assertThat(sessions.resolve(cookie)).isEmpty();
      assertThat(sessions.resolve("")).isEmpty();
      assertThat(sessions.resolve(null)).isEmpty();
      assertThat(sessions.resolve("x".repeat(5000))).isEmpty();
    }
  }

  @Nested
  class LoginCodes {
    private final LoginCodeService codes = new LoginCodeService(storage, clock, random);

    @Test
    void createWhenLifetimeUpTo15MinutesThenSixCharactersElseSixteen() {
      assertThat(codes.create(alice.id(), Duration.ofMinutes(15))).hasSize(6);
      assertThat(codes.create(alice.id(), Duration.ofMinutes(16))).hasSize(16);
      assertThat(codes.create(alice.id(), Duration.ofHours(1)))
          .matches("[" + RandomTokens.UNAMBIGUOUS + "]{16}");
    }

    @Test
    void exchangeWhenCodeValidThenUserAndTheCodeIsUsedUp() {
      String code = codes.create(alice.id(), Duration.ofMinutes(15));
      assertThat(codes.exchange(code).id()).isEqualTo(alice.id());
      assertThatThrownBy(() -> codes.exchange(code))
          .isInstanceOfSatisfying(
              AuthFailure.class,
              e -> assertThat(e.reason()).isEqualTo(AuthFailure.Reason.INVALID_TOKEN));
    }

    @Test
    void exchangeWhenExpiredThenInvalidToken() {
      String code = codes.create(alice.id(), Duration.ofMinutes(15));
      clock.advance(Duration.ofMinutes(16));
      assertThatThrownBy(() -> codes.exchange(code))
          .isInstanceOfSatisfying(
              AuthFailure.class,
              e -> assertThat(e.getMessage()).isEqualTo("Token is invalid or expired"));
    }

    @Test
    void exchangeWhenUserDisabledThenRefusedAndCodeUsedUp() {
      User carol = createUser("carol", true);
      String code = codes.create(carol.id(), Duration.ofMinutes(15));
      assertThatThrownBy(() -> codes.exchange(code))
          .isInstanceOfSatisfying(
              AuthFailure.class,
              e -> assertThat(e.reason()).isEqualTo(AuthFailure.Reason.DISABLED_USER));
      storage.users().update(carol.withDisabled(false));
      assertThatThrownBy(() -> codes.exchange(code)).isInstanceOf(AuthFailure.class);
    }

    @Test
    void createWhenLifetimeOutOfRangeOrUserUnknownThenBadRequest() {
      assertThatThrownBy(() -> codes.create(alice.id(), Duration.ofSeconds(1)))
          .isInstanceOf(AuthFailure.class);
      assertThatThrownBy(() -> codes.create(alice.id(), Duration.ofDays(32)))
          .isInstanceOf(AuthFailure.class);
      assertThatThrownBy(() -> codes.create("nobody", Duration.ofMinutes(5)))
          .isInstanceOf(AuthFailure.class)
          .hasMessage("User not found");
    }

    @Test
    void exchangeWhenCodeGarbageThenInvalidToken() {
      for (String bad : new String[] {null, "", " ", "x".repeat(100)}) {
        assertThatThrownBy(() -> codes.exchange(bad)).isInstanceOf(AuthFailure.class);
      }
    }
  }

  @Nested
  class Reauthentication {
    private final ReauthenticationService service =
        new ReauthenticationService(storage, clock, random);

    @Test
    void consumeWhenSameUserThenOnceOnly() {
      String token = service.issue(alice.id());
      assertThat(token).hasSize(32);
      assertThat(service.consume(token, alice.id())).isTrue();
      assertThat(service.consume(token, alice.id())).isFalse();
    }

    @Test
    void consumeWhenAnotherUserThenRefusedAndTokenKept() {
      User bob = createUser("bob", false);
      String token = service.issue(alice.id());
      assertThat(service.consume(token, bob.id())).isFalse();
      assertThat(service.consume(token, alice.id())).isTrue();
    }

    @Test
    void consumeWhenOlderThanThreeMinutesThenRefused() {
      String token = service.issue(alice.id());
      clock.advance(Duration.ofMinutes(3).plusSeconds(1));
      assertThat(service.consume(token, alice.id())).isFalse();
    }

    @Test
    void recentSignInCountsOnlyWhenItWasAPasskeyWithinAMinute() {
      SessionService sessions =
          new SessionService(storage, clock, random, () -> Duration.ofMinutes(60));
      var passkey = sessions.start(alice.id(), SessionService.METHOD_PASSKEY, null, null).session();
      var loginCode =
          sessions.start(alice.id(), SessionService.METHOD_LOGIN_CODE, null, null).session();
      var setup = sessions.start(alice.id(), SessionService.METHOD_SETUP, null, null).session();

      assertThat(service.issueForRecentPasskeySignIn(loginCode)).isEmpty();
      assertThat(service.issueForRecentPasskeySignIn(setup)).isEmpty();
      assertThat(service.issueForRecentPasskeySignIn(null)).isEmpty();
      String token = service.issueForRecentPasskeySignIn(passkey).orElseThrow();
      assertThat(service.consume(token, alice.id())).isTrue();

      clock.advance(ReauthenticationService.RECENT_PASSKEY_SIGN_IN.plusSeconds(1));
      assertThat(service.issueForRecentPasskeySignIn(passkey)).isEmpty();
    }
  }

  @Nested
  class ApiKeys {
    private final ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(storage, clock);

    private String saveKey(User owner, Instant expiresAt) {
      String raw = random.fromAlphabet(RandomTokens.ALPHANUMERIC, 32);
      storage
          .apiKeys()
          .save(
              new ApiKey(
                  UUID.randomUUID().toString(),
                  "ci",
                  TokenHasher.hash(raw),
                  null,
                  clock.instant(),
                  expiresAt,
                  null,
                  owner.id(),
                  false));
      return raw;
    }

    @Test
    void authenticateWhenKeyValidThenOwnerAndLastUsedRecorded() {
      String raw = saveKey(alice, clock.instant().plus(Duration.ofDays(1)));
      clock.advance(Duration.ofMinutes(5));
      assertThat(authenticator.authenticate(raw))
          .hasValueSatisfying(u -> assertThat(u).isEqualTo(alice));
      assertThat(
              storage
                  .apiKeys()
                  .listForUser(alice.id(), PageRequest.of(1, 10))
                  .items()
                  .get(0)
                  .lastUsedAt())
          .isEqualTo(clock.instant());
    }

    @Test
    void authenticateWhenUsedTwiceWithinAMinuteThenOnlyTheFirstUseIsWritten() {
      String raw = saveKey(alice, clock.instant().plus(Duration.ofDays(1)));
      authenticator.authenticate(raw);
      Instant first = clock.instant();
      clock.advance(Duration.ofSeconds(30));
      authenticator.authenticate(raw);
      assertThat(storage.apiKeys().findByHash(TokenHasher.hash(raw)).orElseThrow().lastUsedAt())
          .isEqualTo(first);
      clock.advance(Duration.ofSeconds(31));
      authenticator.authenticate(raw);
      assertThat(storage.apiKeys().findByHash(TokenHasher.hash(raw)).orElseThrow().lastUsedAt())
          .isEqualTo(clock.instant());
    }

    @Test
    void authenticateWhenExpiredOrUnknownThenEmpty() {
      String raw = saveKey(alice, clock.instant().plus(Duration.ofMinutes(1)));
      clock.advance(Duration.ofMinutes(2));
      assertThat(authenticator.authenticate(raw)).isEmpty();
      assertThat(authenticator.authenticate("unknown")).isEmpty();
      assertThat(authenticator.authenticate(null)).isEmpty();
    }

    @Test
    void authenticateWhenOwnerDisabledThenDisabledUser() {
      User carol = createUser("carol", true);
      String raw = saveKey(carol, clock.instant().plus(Duration.ofDays(1)));
      assertThatThrownBy(() -> authenticator.authenticate(raw))
          .isInstanceOfSatisfying(
              AuthFailure.class,
              e -> assertThat(e.reason()).isEqualTo(AuthFailure.Reason.DISABLED_USER));
    }
  }
}

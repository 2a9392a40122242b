package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.at;
import static io.pocketid.core.store.contract.Fixtures.authorizationCode;
import static io.pocketid.core.store.contract.Fixtures.hash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.AuthorizationCode;
import io.pocketid.core.model.User;
import io.pocketid.core.store.AuthorizationCodeStore;
import io.pocketid.core.store.DuplicateKeyException;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class AuthorizationCodeContract extends ContractSupport {
  private User alice;

  private AuthorizationCodeStore codes() {
    return storage().authorizationCodes();
  }

  @BeforeEach
  void createUserAndClient() {
    alice = createUser("alice");
    createClient("c1");
  }

  @Test
  void saveThenConsumeReturnsTheCodeWithEveryField() {
    AuthorizationCode code =
        new AuthorizationCode(
            Fixtures.id("full"),
            hash("full"),
            Instant.parse("2026-01-15T10:00:00.001Z"),
            Instant.parse("2026-01-15T10:01:00.999Z"),
            alice.id(),
            "c1",
            "https://rp.example/cb?x=1",
            "openid email",
            "n-0S6_WzA2Mj",
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            "S256",
            Fixtures.id("session"),
            Instant.parse("2026-01-15T09:59:59.500Z"));
    codes().save(code);
    assertThat(codes().consume(hash("full"))).contains(code);
  }

  @Test
  void saveWhenNullableFieldsAreNullThenTheyRoundTripAsNull() {
    AuthorizationCode code = authorizationCode("bare", alice.id(), "c1", at(60));
    codes().save(code);
    AuthorizationCode found = codes().consume(hash("bare")).orElseThrow();
    assertThat(found.nonce()).isNull();
    assertThat(found.codeChallenge()).isNull();
    assertThat(found.codeChallengeMethod()).isNull();
    assertThat(found.sessionId()).isNull();
  }

  @Test
  void consumeReturnsTheCodeOnlyOnce() {
    codes().save(authorizationCode("once", alice.id(), "c1", at(60)));
    assertThat(codes().consume(hash("once"))).isPresent();
    assertThat(codes().consume(hash("once"))).isEmpty();
  }

  @Test
  void consumeReturnsTheCodeEvenWhenExpired() {
    codes().save(authorizationCode("old", alice.id(), "c1", at(-3600)));
    assertThat(codes().consume(hash("old"))).isPresent();
  }

  @Test
  void consumeWhenUnknownThenEmpty() {
    assertThat(codes().consume(hash("never"))).isEmpty();
  }

  @Test
  void saveWhenCodeHashTakenThenDuplicateKeyCodeHash() {
    codes().save(authorizationCode("same", alice.id(), "c1", at(60)));
    AuthorizationCode other = authorizationCode("same", alice.id(), "c1", at(120));
    AuthorizationCode clash =
        new AuthorizationCode(
            Fixtures.id("other"),
            other.codeHash(),
            other.createdAt(),
            other.expiresAt(),
            other.userId(),
            other.clientId(),
            other.redirectUri(),
            other.scope(),
            null,
            null,
            null,
            null,
            other.authTime());
    assertThatThrownBy(() -> codes().save(clash))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("codeHash"));
  }

  @Test
  void deleteExpiredDeletesExactlyTheExpiredCodes() {
    codes().save(authorizationCode("expired1", alice.id(), "c1", at(-10)));
    codes().save(authorizationCode("expired2", alice.id(), "c1", at(-1)));
    codes().save(authorizationCode("valid", alice.id(), "c1", at(10)));
    assertThat(codes().deleteExpired(Fixtures.T0)).isEqualTo(2);
    assertThat(codes().consume(hash("expired1"))).isEmpty();
    assertThat(codes().consume(hash("expired2"))).isEmpty();
    assertThat(codes().consume(hash("valid"))).isPresent();
  }

  @Test
  void deleteUserDeletesTheirCodes() {
    User bob = createUser("bob");
    codes().save(authorizationCode("a", alice.id(), "c1", at(60)));
    codes().save(authorizationCode("b", bob.id(), "c1", at(60)));
    storage().users().delete(alice.id());
    assertThat(codes().consume(hash("a"))).isEmpty();
    assertThat(codes().consume(hash("b"))).isPresent();
  }

  @Test
  void deleteClientDeletesItsCodes() {
    createClient("c2");
    codes().save(authorizationCode("one", alice.id(), "c1", at(60)));
    codes().save(authorizationCode("two", alice.id(), "c2", at(60)));
    storage().clients().delete("c1");
    assertThat(codes().consume(hash("one"))).isEmpty();
    assertThat(codes().consume(hash("two"))).isPresent();
  }
}

package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.at;
import static io.pocketid.core.store.contract.Fixtures.hash;
import static io.pocketid.core.store.contract.Fixtures.refreshToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.RefreshToken;
import io.pocketid.core.model.User;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.RefreshTokenStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class RefreshTokenContract extends ContractSupport {
  private User alice;

  private RefreshTokenStore tokens() {
    return storage().refreshTokens();
  }

  @BeforeEach
  void createUserAndClient() {
    alice = createUser("alice");
    createClient("c1");
  }

  @Test
  void saveThenFindByHashReturnsTheTokenWithEveryField() {
    RefreshToken token =
        new RefreshToken(
            Fixtures.id("full"),
            hash("full"),
            "family-1",
            at(1),
            at(86400),
            alice.id(),
            "c1",
            "openid offline_access email",
            false,
            Fixtures.id("session"),
            at(-5));
    tokens().save(token);
    assertThat(tokens().findByHash(hash("full"))).contains(token);
    assertThat(tokens().findByHash(hash("other"))).isEmpty();
  }

  @Test
  void saveWhenNullableFieldsAreNullThenTheyRoundTripAsNull() {
    RefreshToken bare =
        new RefreshToken(
            Fixtures.id("bare"),
            hash("bare"),
            "f",
            at(0),
            at(60),
            null,
            "c1",
            "openid",
            false,
            null,
            at(0));
    tokens().save(bare);
    assertThat(tokens().findByHash(hash("bare"))).contains(bare);
  }

  @Test
  void saveWhenTokenHashTakenThenDuplicateKeyTokenHash() {
    tokens().save(refreshToken("t", "f", alice.id(), "c1", at(60)));
    RefreshToken clash =
        new RefreshToken(
            Fixtures.id("other"),
            hash("t"),
            "f2",
            at(0),
            at(60),
            alice.id(),
            "c1",
            "openid",
            false,
            null,
            at(0));
    assertThatThrownBy(() -> tokens().save(clash))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("tokenHash"));
    assertThat(tokens().findByHash(hash("t")).orElseThrow().familyId()).isEqualTo("f");
  }

  @Test
  void markRotatedSucceedsOnceThenTheTokenIsRotated() {
    RefreshToken t = refreshToken("t", "f", alice.id(), "c1", at(60));
    tokens().save(t);
    assertThat(tokens().markRotated(t.id())).isTrue();
    assertThat(tokens().findByHash(hash("t")).orElseThrow().rotated()).isTrue();
    assertThat(tokens().markRotated(t.id())).isFalse();
  }

  @Test
  void markRotatedWhenUnknownThenFalse() {
    assertThat(tokens().markRotated(Fixtures.id("ghost"))).isFalse();
  }

  @Test
  void deleteFamilyDeletesEveryTokenOfTheFamilyOnly() {
    tokens().save(refreshToken("a1", "fa", alice.id(), "c1", at(60)));
    tokens().save(refreshToken("a2", "fa", alice.id(), "c1", at(60)));
    tokens().save(refreshToken("b1", "fb", alice.id(), "c1", at(60)));
    assertThat(tokens().deleteFamily("fa")).isEqualTo(2);
    assertThat(tokens().findByHash(hash("a1"))).isEmpty();
    assertThat(tokens().findByHash(hash("a2"))).isEmpty();
    assertThat(tokens().findByHash(hash("b1"))).isPresent();
    assertThat(tokens().deleteFamily("fa")).isZero();
  }

  @Test
  void deleteForUserAndClientDeletesOnlyThatPairsTokens() {
    User bob = createUser("bob");
    createClient("c2");
    tokens().save(refreshToken("ac1", "f1", alice.id(), "c1", at(60)));
    tokens().save(refreshToken("ac1b", "f2", alice.id(), "c1", at(60)));
    tokens().save(refreshToken("ac2", "f3", alice.id(), "c2", at(60)));
    tokens().save(refreshToken("bc1", "f4", bob.id(), "c1", at(60)));
    assertThat(tokens().deleteForUserAndClient(alice.id(), "c1")).isEqualTo(2);
    assertThat(tokens().findByHash(hash("ac1"))).isEmpty();
    assertThat(tokens().findByHash(hash("ac1b"))).isEmpty();
    assertThat(tokens().findByHash(hash("ac2"))).isPresent();
    assertThat(tokens().findByHash(hash("bc1"))).isPresent();
  }

  @Test
  void deleteExpiredDeletesExactlyTheExpiredTokens() {
    tokens().save(refreshToken("old", "f1", alice.id(), "c1", at(-1)));
    tokens().save(refreshToken("new", "f2", alice.id(), "c1", at(1)));
    assertThat(tokens().deleteExpired(Fixtures.T0)).isEqualTo(1);
    assertThat(tokens().findByHash(hash("old"))).isEmpty();
    assertThat(tokens().findByHash(hash("new"))).isPresent();
  }

  @Test
  void deleteUserDeletesTheirTokens() {
    User bob = createUser("bob");
    tokens().save(refreshToken("a", "f1", alice.id(), "c1", at(60)));
    tokens().save(refreshToken("b", "f2", bob.id(), "c1", at(60)));
    storage().users().delete(alice.id());
    assertThat(tokens().findByHash(hash("a"))).isEmpty();
    assertThat(tokens().findByHash(hash("b"))).isPresent();
  }

  @Test
  void deleteClientDeletesItsTokens() {
    createClient("c2");
    tokens().save(refreshToken("one", "f1", alice.id(), "c1", at(60)));
    tokens().save(refreshToken("two", "f2", alice.id(), "c2", at(60)));
    storage().clients().delete("c1");
    assertThat(tokens().findByHash(hash("one"))).isEmpty();
    assertThat(tokens().findByHash(hash("two"))).isPresent();
  }

  @Test
  void deleteForUserDeletesOnlyThatUsersTokensForEveryClient() {
    User bob = createUser("bob");
    createClient("c2");
    tokens().save(refreshToken("a1", "f1", alice.id(), "c1", at(60)));
    tokens().save(refreshToken("a2", "f2", alice.id(), "c2", at(60)));
    tokens().save(refreshToken("b1", "f3", bob.id(), "c1", at(60)));
    assertThat(tokens().deleteForUser(alice.id())).isEqualTo(2);
    assertThat(tokens().findByHash(hash("a1"))).isEmpty();
    assertThat(tokens().findByHash(hash("a2"))).isEmpty();
    assertThat(tokens().findByHash(hash("b1"))).isPresent();
    assertThat(tokens().deleteForUser(alice.id())).isZero();
  }
}

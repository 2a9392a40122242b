package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.T0;
import static io.pocketid.core.store.contract.Fixtures.at;
import static io.pocketid.core.store.contract.Fixtures.hash;
import static io.pocketid.core.store.contract.Fixtures.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.BrowserSession;
import io.pocketid.core.model.User;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.SessionStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class SessionContract extends ContractSupport {
  private User alice;
  private User bob;

  private SessionStore sessions() {
    return storage().sessions();
  }

  @BeforeEach
  void createUsers() {
    alice = createUser("alice");
    bob = createUser("bob");
  }

  @Test
  void createThenFindActiveReturnsTheSession() {
    BrowserSession s = session("cookie", alice.id(), T0);
    sessions().create(s);
    assertThat(sessions().findActive(hash("cookie"), at(10))).contains(s);
    assertThat(sessions().findActive(hash("other"), at(10))).isEmpty();
  }

  @Test
  void createWhenNullableFieldsAreNullThenTheyRoundTripAsNull() {
    BrowserSession s =
        new BrowserSession(
            Fixtures.id("s"), hash("s"), alice.id(), T0, at(60), T0, null, null, "login_code");
    sessions().create(s);
    assertThat(sessions().findActive(hash("s"), T0)).contains(s);
  }

  @Test
  void findActiveWhenExpiredThenEmpty() {
    sessions().create(session("cookie", alice.id(), T0));
    assertThat(sessions().findActive(hash("cookie"), at(3601))).isEmpty();
  }

  @Test
  void createWhenIdHashTakenThenDuplicateKeyIdHash() {
    sessions().create(session("cookie", alice.id(), T0));
    BrowserSession clash =
        new BrowserSession(
            Fixtures.id("x"), hash("cookie"), bob.id(), T0, at(60), T0, null, null, "passkey");
    assertThatThrownBy(() -> sessions().create(clash))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("idHash"));
    assertThat(sessions().findActive(hash("cookie"), T0).orElseThrow().userId())
        .isEqualTo(alice.id());
  }

  @Test
  void extendMovesExpiryAndLastSeen() {
    BrowserSession s = session("cookie", alice.id(), T0);
    sessions().create(s);
    assertThat(sessions().extend(s.id(), at(3000), at(7200))).isTrue();
    BrowserSession found = sessions().findActive(hash("cookie"), at(5000)).orElseThrow();
    assertThat(found.lastSeenAt()).isEqualTo(at(3000));
    assertThat(found.expiresAt()).isEqualTo(at(7200));
    assertThat(found.createdAt()).isEqualTo(T0);
  }

  @Test
  void extendWhenSessionMissingThenFalse() {
    assertThat(sessions().extend(Fixtures.id("ghost"), T0, at(60))).isFalse();
  }

  @Test
  void listActiveForUserReturnsTheirUnexpiredSessionsNewestFirst() {
    sessions().create(session("old", alice.id(), at(-7200)));
    sessions().create(session("a1", alice.id(), at(-100)));
    sessions().create(session("a2", alice.id(), at(-10)));
    sessions().create(session("a3", alice.id(), at(-50)));
    sessions().create(session("b1", bob.id(), at(-10)));
    assertThat(map(sessions().listActiveForUser(alice.id(), T0), BrowserSession::idHash))
        .containsExactly(hash("a2"), hash("a3"), hash("a1"));
  }

  @Test
  void deleteReturnsWhetherASessionWasDeleted() {
    BrowserSession s = session("cookie", alice.id(), T0);
    sessions().create(s);
    assertThat(sessions().delete(s.id())).isTrue();
    assertThat(sessions().findActive(hash("cookie"), T0)).isEmpty();
    assertThat(sessions().delete(s.id())).isFalse();
  }

  @Test
  void deleteForUserDeletesOnlyTheirSessions() {
    sessions().create(session("a1", alice.id(), T0));
    sessions().create(session("a2", alice.id(), T0));
    sessions().create(session("b1", bob.id(), T0));
    assertThat(sessions().deleteForUser(alice.id())).isEqualTo(2);
    assertThat(sessions().listActiveForUser(alice.id(), T0)).isEmpty();
    assertThat(sessions().listActiveForUser(bob.id(), T0)).hasSize(1);
  }

  @Test
  void deleteExpiredDeletesExactlyTheExpiredSessions() {
    sessions().create(session("old", alice.id(), at(-3601)));
    sessions().create(session("new", alice.id(), at(-3599)));
    assertThat(sessions().deleteExpired(T0)).isEqualTo(1);
    assertThat(sessions().findActive(hash("old"), at(-3600))).isEmpty();
    assertThat(sessions().findActive(hash("new"), T0)).isPresent();
  }

  @Test
  void deleteUserDeletesTheirSessions() {
    sessions().create(session("a", alice.id(), T0));
    sessions().create(session("b", bob.id(), T0));
    storage().users().delete(alice.id());
    assertThat(sessions().findActive(hash("a"), T0)).isEmpty();
    assertThat(sessions().findActive(hash("b"), T0)).isPresent();
  }
}

package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.T0;
import static io.pocketid.core.store.contract.Fixtures.at;
import static io.pocketid.core.store.contract.Fixtures.hash;
import static io.pocketid.core.store.contract.Fixtures.reauthToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.ReauthenticationToken;
import io.pocketid.core.model.User;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.ReauthenticationTokenStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class ReauthenticationTokenContract extends ContractSupport {
  private User alice;
  private User bob;

  private ReauthenticationTokenStore tokens() {
    return storage().reauthenticationTokens();
  }

  @BeforeEach
  void createUsers() {
    alice = createUser("alice");
    bob = createUser("bob");
  }

  @Test
  void consumeReturnsAValidTokenOfTheUserOnlyOnce() {
    ReauthenticationToken token = reauthToken("t", alice.id(), at(300));
    tokens().save(token);
    assertThat(tokens().consume(hash("t"), alice.id(), T0)).contains(token);
    assertThat(tokens().consume(hash("t"), alice.id(), T0)).isEmpty();
  }

  @Test
  void consumeWhenTokenOfAnotherUserThenEmptyAndTheTokenStays() {
    tokens().save(reauthToken("t", alice.id(), at(300)));
    assertThat(tokens().consume(hash("t"), bob.id(), T0)).isEmpty();
    assertThat(tokens().consume(hash("t"), alice.id(), T0)).isPresent();
  }

  @Test
  void consumeWhenExpiredThenEmpty() {
    tokens().save(reauthToken("t", alice.id(), at(300)));
    assertThat(tokens().consume(hash("t"), alice.id(), at(301))).isEmpty();
  }

  @Test
  void saveWhenTokenHashTakenThenDuplicateKeyTokenHash() {
    tokens().save(reauthToken("t", alice.id(), at(300)));
    ReauthenticationToken clash =
        new ReauthenticationToken(Fixtures.id("x"), hash("t"), T0, at(60), bob.id());
    assertThatThrownBy(() -> tokens().save(clash))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("tokenHash"));
    assertThat(tokens().consume(hash("t"), bob.id(), T0)).isEmpty();
  }

  @Test
  void deleteExpiredDeletesExactlyTheExpiredTokens() {
    tokens().save(reauthToken("old", alice.id(), at(-1)));
    tokens().save(reauthToken("new", alice.id(), at(1)));
    assertThat(tokens().deleteExpired(T0)).isEqualTo(1);
    assertThat(tokens().consume(hash("old"), alice.id(), at(-100))).isEmpty();
    assertThat(tokens().consume(hash("new"), alice.id(), T0)).isPresent();
  }

  @Test
  void deleteUserDeletesTheirTokens() {
    tokens().save(reauthToken("a", alice.id(), at(300)));
    tokens().save(reauthToken("b", bob.id(), at(300)));
    storage().users().delete(alice.id());
    assertThat(tokens().consume(hash("a"), alice.id(), T0)).isEmpty();
    assertThat(tokens().consume(hash("b"), bob.id(), T0)).isPresent();
  }
}

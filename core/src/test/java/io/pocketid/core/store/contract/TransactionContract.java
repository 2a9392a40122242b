package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.T0;
import static io.pocketid.core.store.contract.Fixtures.at;
import static io.pocketid.core.store.contract.Fixtures.hash;
import static io.pocketid.core.store.contract.Fixtures.passkey;
import static io.pocketid.core.store.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.model.Passkey;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.store.DuplicateKeyException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

abstract class TransactionContract extends ContractSupport {
  /** Thrown by test work to force a rollback. */
  private static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Boom() {
      super("boom");
    }
  }

  @Test
  void inTransactionCommitsEveryChangeAndReturnsTheResult() {
    String result =
        storage()
            .inTransaction(
                () -> {
                  User alice = createUser("alice");
                  UserGroup devs = createGroup("devs");
                  storage().groups().setMembers(devs.id(), List.of(alice.id()));
                  storage().keyValues().put("k", "v");
                  return "done";
                });
    assertThat(result).isEqualTo("done");
    assertThat(storage().users().findByUsername("alice")).isPresent();
    assertThat(storage().groups().memberIds(Fixtures.id("group:devs"))).hasSize(1);
    assertThat(storage().keyValues().get("k")).contains("v");
  }

  @Test
  void inTransactionWithRunnableCommits() {
    storage().inTransaction(() -> storage().keyValues().put("k", "v"));
    assertThat(storage().keyValues().get("k")).contains("v");
  }

  @Test
  void inTransactionWhenWorkThrowsThenEveryChangeIsRolledBackAndTheExceptionRethrown() {
    User existing = createUser("existing");
    UserGroup devs = createGroup("devs");
    storage().appConfig().saveAll(Map.of("appName", "before"));
    Boom boom = new Boom();
    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        () -> {
                          createUser("alice");
                          storage().users().update(existing.withAdmin(true));
                          storage().groups().delete(devs.id());
                          storage().appConfig().saveAll(Map.of("appName", "after", "x", "y"));
                          storage()
                              .customClaims()
                              .replaceForUser(existing.id(), List.of(new CustomClaim("k", "v")));
                          storage()
                              .loginCodes()
                              .save(Fixtures.loginCode("c", existing.id(), at(60)));
                          throw boom;
                        }))
        .isSameAs(boom);
    assertThat(storage().users().findByUsername("alice")).isEmpty();
    assertThat(storage().users().findById(existing.id())).contains(existing);
    assertThat(storage().groups().findById(devs.id())).contains(devs);
    assertThat(storage().appConfig().loadAll())
        .containsExactlyInAnyOrderEntriesOf(Map.of("appName", "before"));
    assertThat(storage().customClaims().forUser(existing.id())).isEmpty();
    assertThat(storage().loginCodes().consume(hash("c"), T0)).isEmpty();
    assertThat(storage().users().count()).isEqualTo(1);
  }

  @Test
  void inTransactionWhenWorkThrowsThenCascadingDeletesAreRolledBackToo() {
    User alice = createUser("alice");
    Passkey p = passkey("phone", alice).build();
    storage().passkeys().create(p);
    storage().sessions().create(Fixtures.session("cookie", alice.id(), T0));
    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        () -> {
                          storage().users().delete(alice.id());
                          throw new Boom();
                        }))
        .isInstanceOf(Boom.class);
    assertThat(storage().users().findById(alice.id())).contains(alice);
    assertThat(storage().passkeys().findById(p.id())).contains(p);
    assertThat(storage().sessions().findActive(hash("cookie"), T0)).isPresent();
  }

  @Test
  void inTransactionWhenAStoreThrowsThenEarlierChangesAreRolledBack() {
    createUser("alice");
    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        () -> {
                          createUser("bob");
                          storage()
                              .users()
                              .create(user("ALICE").id(Fixtures.id("x")).email(null).build());
                        }))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(storage().users().findByUsername("bob")).isEmpty();
    assertThat(storage().users().count()).isEqualTo(1);
  }

  @Test
  void nestedTransactionJoinsTheOuterOneAndRollsBackWithIt() {
    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        () -> {
                          storage().inTransaction(() -> createUser("inner"));
                          createUser("outer");
                          throw new Boom();
                        }))
        .isInstanceOf(Boom.class);
    assertThat(storage().users().count()).isZero();
  }

  @Test
  void nestedTransactionsCommitWithTheOuterOne() {
    storage()
        .inTransaction(
            () -> {
              storage().inTransaction(() -> createUser("inner"));
              return createUser("outer");
            });
    assertThat(storage().users().count()).isEqualTo(2);
  }

  @Test
  void storageIsUsableAfterARollback() {
    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        () -> {
                          createUser("alice");
                          throw new Boom();
                        }))
        .isInstanceOf(Boom.class);
    createUser("alice");
    storage().inTransaction(() -> createUser("bob"));
    assertThat(storage().users().count()).isEqualTo(2);
  }
}

package io.pocketid.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.User;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.Storage;
import io.pocketid.core.store.contract.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller may catch a constraint violation inside a transaction and go on (PostgreSQL would
 * otherwise refuse every later statement of the transaction).
 */
class ConstraintInTransactionTest {
  abstract static class Cases {
    abstract Storage storage();

    @Test
    void inTransactionWhenADuplicateIsCaughtThenTheTransactionGoesOnAndCommits() {
      User alice = Fixtures.user("alice").build();
      User bob = Fixtures.user("bob").build();
      storage()
          .inTransaction(
              () -> {
                storage().users().create(alice);
                assertThatThrownBy(
                        () ->
                            storage()
                                .users()
                                .create(Fixtures.user("ALICE").email("x@example.com").build()))
                    .isInstanceOfSatisfying(
                        DuplicateKeyException.class,
                        e -> assertThat(e.key()).isEqualTo("username"));
                storage().users().create(bob);
              });
      assertThat(storage().users().count()).isEqualTo(2);
    }

    @Test
    void inTransactionWhenAReplaceFailsHalfwayAndIsCaughtThenItLeavesNoTrace() {
      User alice = Fixtures.user("alice").build();
      storage().users().create(alice);
      var devs = Fixtures.group("devs");
      storage().groups().create(devs);
      storage().groups().setGroupsOfUser(alice.id(), List.of(devs.id()));
      storage()
          .inTransaction(
              () -> {
                assertThatThrownBy(
                        () ->
                            storage()
                                .groups()
                                .setGroupsOfUser(alice.id(), List.of(Fixtures.id("ghost"))))
                    .isInstanceOf(NotFoundException.class);
                storage().keyValues().put("after", "ok");
              });
      assertThat(storage().groups().groupsOfUser(alice.id())).containsExactly(devs);
      assertThat(storage().keyValues().get("after")).contains("ok");
    }
  }

  @Nested
  class OnSqlite extends Cases {
    @TempDir Path dir;
    private Storage storage;

    @Override
    Storage storage() {
      if (storage == null) {
        storage =
            JdbcStorage.open(ConnectionStrings.parse("sqlite", dir.resolve("t.db").toString()));
      }
      return storage;
    }

    @AfterEach
    void close() {
      if (storage != null) {
        storage.close();
      }
    }
  }

  @Nested
  class OnPostgres extends Cases {
    private Storage storage;
    private String schema;

    @Override
    Storage storage() {
      if (storage == null) {
        PostgresTestDatabase.assumeReachable();
        schema = PostgresTestDatabase.createSchema();
        storage = JdbcStorage.open(PostgresTestDatabase.settings(schema));
      }
      return storage;
    }

    @AfterEach
    void close() {
      if (storage != null) {
        storage.close();
        PostgresTestDatabase.dropSchema(schema);
      }
    }
  }
}

package io.pocketid.core.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.store.StorageException;
import io.pocketid.core.store.contract.Fixtures;
import org.junit.jupiter.api.Test;

/** Behaviour specific to the in-memory store, beyond the shared contract. */
class InMemoryStorageTest {
  @Test
  void operationsWhenClosedThenStorageException() {
    InMemoryStorage storage = new InMemoryStorage();
    storage.close();
    assertThatThrownBy(() -> storage.users().count()).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> storage.inTransaction(() -> 1)).isInstanceOf(StorageException.class);
  }

  @Test
  void nestedTransactionWhenOuterCatchesTheInnerFailureThenInnerWorkIsKept() {
    try (InMemoryStorage storage = new InMemoryStorage()) {
      storage.inTransaction(
          () -> {
            try {
              storage.inTransaction(
                  () -> {
                    storage.users().create(Fixtures.user("inner").build());
                    throw new IllegalStateException("inner");
                  });
            } catch (IllegalStateException expected) {
              // the outer transaction goes on: a joined transaction has no savepoint
            }
            storage.users().create(Fixtures.user("outer").build());
          });
      assertThat(storage.users().count()).isEqualTo(2);
    }
  }

  @Test
  void readsReturnTheRecordsAsStored() {
    try (InMemoryStorage storage = new InMemoryStorage()) {
      var alice = Fixtures.user("alice").build();
      storage.users().create(alice);
      assertThat(storage.users().findById(alice.id()).orElseThrow()).isSameAs(alice);
    }
  }
}

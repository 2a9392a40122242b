package io.pocketid.core.store.contract;

import io.pocketid.core.store.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * The storage contract kit: every documented behaviour of the storage SPI, as JUnit 5 tests, one
 * {@link Nested} class per aggregate. A backend passes the kit by extending this class:
 *
 * <pre>{@code
 * class MyStorageTest extends StorageContract {
 *   @Override
 *   protected Storage newStorage() {
 *     return new MyStorage(...); // fresh and empty
 *   }
 * }
 * }</pre>
 *
 * <p>The kit only relies on what the SPI documents: no insertion order where no order is
 * documented, timestamps compared at millisecond precision, ASCII text only, no nulls in sorted
 * columns, fixed instants (no sleeps, no wall clock). Fixtures come from {@link Fixtures}.
 */
public abstract class StorageContract {
  private Storage storage;

  /** A fresh, empty storage. Called once before each test; the kit closes it after the test. */
  protected abstract Storage newStorage();

  @BeforeEach
  void openStorage() {
    storage = newStorage();
  }

  @AfterEach
  void closeStorage() {
    if (storage != null) {
      storage.close();
    }
  }

  /** The storage of the current test. */
  protected final Storage storage() {
    return storage;
  }

  @Nested
  class Users extends UserContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class Groups extends GroupContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }
}

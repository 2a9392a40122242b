package io.pocketid.core.store;

import java.util.function.Supplier;

/**
 * Units of work over a storage's stores: the port that code needing only transactions (and a few
 * stores) takes instead of the whole {@link Storage}.
 *
 * <p>Inside {@link #inTransaction(Supplier)}, every call on the storage's stores made by the same
 * thread belongs to one unit of work, committed when the supplier returns and rolled back when it
 * throws (the exception is rethrown). Nested calls join the outer transaction.
 */
public interface Transactions {
  /** Runs {@code work} as one unit of work and returns its result. */
  <T> T inTransaction(Supplier<T> work);

  /**
   * Runs read-only {@code work} as one unit where the backend offers it: one connection and one
   * snapshot for all its reads (JDBC: a reader connection, so it never waits for SQLite's writer).
   * Inside a {@link #inTransaction} it joins that transaction. The work must not write: a backend
   * may refuse writes here. The default runs the work as it is.
   */
  default <T> T readOnly(Supplier<T> work) {
    return work.get();
  }

  /** Runs {@code work} as one unit of work. */
  default void inTransaction(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }
}

package io.pocketid.core.store.memory;

import io.pocketid.core.store.StorageException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The state shared by the stores of one {@link InMemoryStorage}: the tables and the one lock that
 * guards them. Every operation holds the lock; a transaction holds it from start to end and
 * restores a snapshot when its work throws.
 *
 * <p>Operations validate everything before they change a table, so a single operation that throws
 * leaves no trace without needing a snapshot.
 */
final class MemoryState {
  private final ReentrantLock lock = new ReentrantLock();
  private Tables tables = new Tables();
  private Tables snapshot;
  private int depth;
  private volatile boolean closed;

  /** Runs {@code op} on the tables with the lock held and returns its result. */
  <T> T call(Function<Tables, T> op) {
    lock.lock();
    try {
      ensureOpen();
      return op.apply(tables);
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code op} on the tables with the lock held. */
  void run(Consumer<Tables> op) {
    call(
        t -> {
          op.accept(t);
          return null;
        });
  }

  /**
   * Runs {@code work} as one unit of work: the lock is held throughout, and when the outermost
   * transaction's work throws, the tables go back to how they were when it started. A nested call
   * joins the outer one.
   */
  <T> T inTransaction(Supplier<T> work) {
    lock.lock();
    try {
      ensureOpen();
      if (depth == 0) {
        snapshot = tables.copy();
      }
      depth++;
      boolean committed = false;
      try {
        T result = work.get();
        committed = true;
        return result;
      } finally {
        depth--;
        if (depth == 0) {
          if (!committed) {
            tables = snapshot;
          }
          snapshot = null;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  boolean isOpen() {
    return !closed;
  }

  void close() {
    closed = true;
  }

  private void ensureOpen() {
    if (closed) {
      throw new StorageException("in-memory storage is closed");
    }
  }
}

package io.pocketid.storage.jdbc;

import io.pocketid.storage.jdbc.internal.Tally;
import java.util.function.Supplier;

/**
 * Counts the SQL statements and transactions that the calling thread sends through a {@link
 * JdbcStorage} while a piece of work runs: for tests and benchmarks that keep the hot paths' round
 * trips in check. Costs one thread-local read per statement when nothing is being counted.
 */
public final class StatementCounter {
  private StatementCounter() {}

  /**
   * What one piece of work sent.
   *
   * @param statements mapper statements (SELECT, INSERT, UPDATE, DELETE), not counting {@code
   *     BEGIN}/{@code COMMIT}
   * @param readTransactions units of work on a reader connection (on SQLite each adds a BEGIN and a
   *     COMMIT)
   * @param writeTransactions units of work on the writer (each holds SQLite's single writer)
   * @param statementsInWrites how many of the statements ran inside write units
   */
  public record Counts(
      int statements, int readTransactions, int writeTransactions, int statementsInWrites) {
    @Override
    public String toString() {
      return statements
          + " statements ("
          + statementsInWrites
          + " of them in writes), "
          + readTransactions
          + " read and "
          + writeTransactions
          + " write transactions";
    }
  }

  /** A result and the counts of the work that produced it. */
  public record Counted<T>(T result, Counts counts) {}

  /** Runs {@code work} on this thread and returns what it sent. */
  public static Counts count(Runnable work) {
    return count(
            () -> {
              work.run();
              return null;
            })
        .counts();
  }

  /** Runs {@code work} on this thread and returns its result with what it sent. */
  public static <T> Counted<T> count(Supplier<T> work) {
    int[][] frame = Tally.start();
    try {
      T result = work.get();
      int[] box = frame[0];
      return new Counted<>(result, new Counts(box[0], box[1], box[2], box[3]));
    } finally {
      Tally.stop(frame);
    }
  }
}

package io.pocketid.storage.jdbc.internal;

import java.sql.Connection;
import java.util.Properties;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;

/**
 * The thread-local tally behind {@code io.pocketid.storage.jdbc.StatementCounter}: slot 0 counts
 * statements (a MyBatis interceptor on {@code StatementHandler.prepare}), 1 read units, 2 write
 * units (counted by {@link Db}), 3 statements inside write units; 4 is 1 while a write unit runs.
 */
public final class Tally {
  private static final ThreadLocal<int[]> CURRENT = new ThreadLocal<>();

  private Tally() {}

  /** Starts counting on this thread; returns the counters and the count it interrupts, if any. */
  public static int[][] start() {
    int[][] frame = {new int[5], CURRENT.get()};
    CURRENT.set(frame[0]);
    return frame;
  }

  /** Stops the count {@link #start()} began, adding it to the interrupted one. */
  public static void stop(int[][] frame) {
    int[] outer = frame[1];
    if (outer == null) {
      CURRENT.remove();
      return;
    }
    for (int i = 0; i < 4; i++) {
      outer[i] += frame[0][i];
    }
    CURRENT.set(outer);
  }

  static void unit(boolean writes) {
    int[] box = CURRENT.get();
    if (box != null) {
      box[writes ? 2 : 1]++;
      box[4] = writes ? 1 : 0;
    }
  }

  static void unitEnded() {
    int[] box = CURRENT.get();
    if (box != null) {
      box[4] = 0;
    }
  }

  /** Counts each prepared statement. */
  @Intercepts(
      @Signature(
          type = StatementHandler.class,
          method = "prepare",
          args = {Connection.class, Integer.class}))
  static final class Statements implements Interceptor {
    @Override
    public Object intercept(Invocation invocation) throws Throwable {
      int[] box = CURRENT.get();
      if (box != null) {
        box[0]++;
        box[3] += box[4];
      }
      return invocation.proceed();
    }

    @Override
    public void setProperties(Properties properties) {}
  }
}

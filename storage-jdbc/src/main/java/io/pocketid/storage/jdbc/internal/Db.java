package io.pocketid.storage.jdbc.internal;

import io.pocketid.core.store.StorageException;
import io.pocketid.storage.jdbc.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * Units of work over MyBatis sessions.
 *
 * <p>A transaction binds one connection and one {@link SqlSession} to the calling thread; nested
 * calls join it; it commits when the work returns and rolls back when it throws.
 *
 * <p>SQLite: writes and transactions run one at a time on the single writer connection, behind a
 * fair lock, inside {@code BEGIN IMMEDIATE}, so no writer ever meets "database is locked" from
 * another writer of this process. Reads outside a transaction use the reader pool (WAL lets them
 * run beside the writer) inside a deferred {@code BEGIN} so a multi-statement read sees one
 * snapshot. PostgreSQL: every unit takes a connection from the one pool.
 */
public final class Db {
  private final Dialect dialect;
  private final DataSource writers;
  private final DataSource readers;
  private final SqlSessionFactory factory;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final long lockTimeoutMillis;
  private final ThreadLocal<Unit> current = new ThreadLocal<>();

  public Db(
      Dialect dialect,
      DataSource writers,
      DataSource readers,
      SqlSessionFactory factory,
      Duration lockTimeout) {
    this.dialect = dialect;
    this.writers = writers;
    this.readers = readers;
    this.factory = factory;
    this.lockTimeoutMillis = lockTimeout.toMillis();
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Runs read-only work: in the thread's transaction if there is one, else in a read unit. */
  public <T> T read(Function<SqlSession, T> work) {
    Unit unit = current.get();
    if (unit != null) {
      return work.apply(unit.session);
    }
    return run(false, () -> work.apply(current.get().session));
  }

  /** Runs writing work: in the thread's transaction if there is one, else in its own. */
  public <T> T write(Function<SqlSession, T> work) {
    Unit unit = current.get();
    if (unit != null) {
      return work.apply(unit.session);
    }
    return run(true, () -> work.apply(current.get().session));
  }

  /** Runs writing work that returns nothing (see {@link #write}). */
  public void execute(Consumer<SqlSession> work) {
    write(
        s -> {
          work.accept(s);
          return null;
        });
  }

  /** Runs {@code work} as one transaction; joins the thread's transaction if there is one. */
  public <T> T inTransaction(Supplier<T> work) {
    if (current.get() != null) {
      return work.get();
    }
    return run(true, work);
  }

  private <T> T run(boolean writes, Supplier<T> work) {
    boolean sqliteWriter = writes && dialect == Dialect.SQLITE;
    if (sqliteWriter) {
      lockWriter();
    }
    try {
      Unit unit = begin(writes);
      current.set(unit);
      T result;
      try {
        result = work.get();
      } catch (RuntimeException | Error e) {
        current.remove();
        unit.rollbackAndClose(e);
        throw e;
      }
      current.remove();
      unit.commitAndClose();
      return result;
    } finally {
      if (sqliteWriter) {
        writeLock.unlock();
      }
    }
  }

  private void lockWriter() {
    try {
      if (!writeLock.tryLock(lockTimeoutMillis, TimeUnit.MILLISECONDS)) {
        throw new StorageException(
            "timed out after "
                + lockTimeoutMillis
                + " ms waiting for the SQLite writer ("
                + writeLock.getQueueLength()
                + " threads waiting)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting for the SQLite writer", e);
    }
  }

  private Unit begin(boolean writes) {
    Connection conn;
    try {
      conn = (writes ? writers : readers).getConnection();
    } catch (SQLException e) {
      throw new StorageException("cannot get a database connection: " + e.getMessage(), e);
    }
    try {
      if (dialect == Dialect.SQLITE) {
        try (Statement st = conn.createStatement()) {
          st.execute(writes ? "BEGIN IMMEDIATE" : "BEGIN");
        }
      } else if (conn.getAutoCommit()) {
        conn.setAutoCommit(false);
      }
      return new Unit(conn, factory.openSession(conn));
    } catch (SQLException | RuntimeException e) {
      closeQuietly(conn);
      throw new StorageException("cannot begin a transaction: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(Connection conn) {
    try {
      conn.close();
    } catch (SQLException ignored) {
      // the pool discards it
    }
  }

  private final class Unit {
    final Connection conn;
    final SqlSession session;

    Unit(Connection conn, SqlSession session) {
      this.conn = conn;
      this.session = session;
    }

    void commitAndClose() {
      try {
        session.close();
        if (dialect == Dialect.SQLITE) {
          try (Statement st = conn.createStatement()) {
            st.execute("COMMIT");
          }
        } else {
          conn.commit();
        }
      } catch (SQLException e) {
        rollbackAndClose(e);
        throw new StorageException("commit failed: " + e.getMessage(), e);
      }
      closeQuietly(conn);
    }

    void rollbackAndClose(Throwable cause) {
      try {
        session.close();
        if (dialect == Dialect.SQLITE) {
          // SQLite may already have ended the transaction after some errors; then ROLLBACK
          // fails harmlessly and is recorded as suppressed.
          try (Statement st = conn.createStatement()) {
            st.execute("ROLLBACK");
          }
        } else {
          conn.rollback();
        }
      } catch (SQLException | RuntimeException e) {
        cause.addSuppressed(e);
      }
      closeQuietly(conn);
    }
  }
}

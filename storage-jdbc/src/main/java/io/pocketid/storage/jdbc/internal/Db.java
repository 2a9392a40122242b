package io.pocketid.storage.jdbc.internal;

import io.pocketid.core.store.StorageException;
import io.pocketid.storage.jdbc.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
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
  // Fair unless -Dpocketid.sqlite.unfairWriterLock=true (an A/B switch for measurements).
  private final ReentrantLock writeLock =
      new ReentrantLock(!Boolean.getBoolean("pocketid.sqlite.unfairWriterLock"));
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

  /**
   * Runs one read-only statement: in the thread's transaction if there is one; else in auto-commit
   * on a reader connection (one round trip, no BEGIN or COMMIT: a single statement is its own
   * snapshot, on SQLite in WAL mode as on PostgreSQL).
   */
  public <T> T read(Function<SqlSession, T> work) {
    Unit unit = current.get();
    if (unit != null) {
      return work.apply(unit.session);
    }
    return readAutoCommit(work);
  }

  /**
   * Runs several read-only statements that must see one snapshot (a page and its total): in the
   * thread's transaction if there is one, else in a read-only unit of its own.
   */
  public <T> T readSnapshot(Function<SqlSession, T> work) {
    Unit unit = current.get();
    if (unit != null) {
      return work.apply(unit.session);
    }
    return run(false, () -> work.apply(current.get().session));
  }

  private <T> T readAutoCommit(Function<SqlSession, T> work) {
    Tally.unit(false);
    try (Connection conn = readers.getConnection()) {
      if (!conn.getAutoCommit()) {
        conn.setAutoCommit(true);
      }
      try (SqlSession session = factory.openSession(conn)) {
        return work.apply(session);
      }
    } catch (SQLException e) {
      throw new StorageException("cannot get a database connection: " + e.getMessage(), e);
    }
  }

  /** Runs writing work: in the thread's transaction if there is one, else in its own. */
  public <T> T write(Function<SqlSession, T> work) {
    Unit unit = current.get();
    if (unit != null) {
      if (!unit.writes) {
        throw new IllegalStateException("a write inside a read-only unit of work");
      }
      return work.apply(unit.session);
    }
    return run(true, () -> work.apply(current.get().session));
  }

  /**
   * Runs a write that may break a constraint. Inside a PostgreSQL transaction it runs under a
   * savepoint, so a caller that catches the translated exception can go on with the transaction
   * (PostgreSQL would otherwise refuse every later statement). SQLite undoes a failed statement by
   * itself.
   */
  public <T> T guarded(Function<SqlSession, T> work) {
    Unit unit = current.get();
    if (unit == null || dialect != Dialect.POSTGRES || !unit.writes) {
      return write(work);
    }
    Savepoint savepoint;
    try {
      savepoint = unit.conn.setSavepoint();
    } catch (SQLException e) {
      throw new StorageException("cannot set a savepoint: " + e.getMessage(), e);
    }
    T result;
    try {
      result = work.apply(unit.session);
    } catch (RuntimeException e) {
      try {
        unit.conn.rollback(savepoint);
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
    try {
      unit.conn.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      throw new StorageException("cannot release a savepoint: " + e.getMessage(), e);
    }
    return result;
  }

  /** {@link #guarded} for work that returns nothing. */
  public void executeGuarded(Consumer<SqlSession> work) {
    guarded(
        s -> {
          work.accept(s);
          return null;
        });
  }

  /** Runs writing work that returns nothing (see {@link #write}). */
  public void execute(Consumer<SqlSession> work) {
    write(
        s -> {
          work.accept(s);
          return null;
        });
  }

  /**
   * Runs read-only {@code work} as one unit on a reader connection (one snapshot, never waiting for
   * the SQLite writer); joins the thread's transaction if there is one. A write inside it fails.
   */
  public <T> T readOnly(Supplier<T> work) {
    if (current.get() != null) {
      return work.get();
    }
    return run(false, work);
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
      Tally.unitEnded();
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
    Tally.unit(writes);
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
      return new Unit(conn, factory.openSession(conn), writes);
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
    final boolean writes;

    Unit(Connection conn, SqlSession session, boolean writes) {
      this.conn = conn;
      this.session = session;
      this.writes = writes;
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

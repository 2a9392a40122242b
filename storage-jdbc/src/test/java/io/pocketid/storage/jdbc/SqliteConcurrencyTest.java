package io.pocketid.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.contract.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads writing to one SQLite database: no "database is locked", nothing lost. */
class SqliteConcurrencyTest {
  private static final int THREADS = 16;
  private static final int ROUNDS = 25;

  @TempDir Path dir;

  @Test
  void writesAndTransactionsFromSixteenThreadsWhenConcurrentThenNoBusyErrorsAndAllDataPresent()
      throws Exception {
    try (JdbcStorage storage =
        JdbcStorage.open(ConnectionStrings.parse("sqlite", dir.resolve("c.db").toString()))) {
      ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  try {
                    start.await();
                    for (int r = 0; r < ROUNDS; r++) {
                      round(storage, thread, r);
                    }
                  } catch (Throwable e) {
                    errors.add(e);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(5, TimeUnit.MINUTES);
      }
      pool.shutdown();
      assertThat(errors).isEmpty();

      int n = THREADS * ROUNDS;
      assertThat(storage.users().count()).isEqualTo(n);
      assertThat(storage.groups().list(PageRequest.of(1, 1)).totalItems()).isEqualTo(n);
      assertThat(storage.auditLog().list(null, PageRequest.of(1, 1)).totalItems()).isEqualTo(n);
      for (int t = 0; t < THREADS; t++) {
        assertThat(storage.keyValues().get("counter-" + t)).contains(String.valueOf(ROUNDS - 1));
        String group = Fixtures.group("g-" + t + "-" + (ROUNDS - 1)).id();
        assertThat(storage.groups().memberIds(group)).hasSize(1);
      }
    }
  }

  /** One round of mixed work: plain writes, a read, and a multi-statement transaction. */
  private static void round(JdbcStorage storage, int thread, int r) {
    String name = "u-" + thread + "-" + r;
    User user = Fixtures.user(name).email(name + "@example.com").build();
    storage.users().create(user);
    storage
        .auditLog()
        .append(
            new AuditEvent(
                Fixtures.id("audit:" + name),
                Fixtures.T0,
                "SIGN_IN",
                "127.0.0.1",
                "test",
                user.id(),
                null,
                null,
                Map.of("n", name)));
    assertThat(storage.users().findByUsername(name)).contains(user);
    storage.inTransaction(
        () -> {
          UserGroup group = Fixtures.group("g-" + thread + "-" + r);
          storage.groups().create(group);
          storage.groups().setMembers(group.id(), List.of(user.id()));
          storage.keyValues().put("counter-" + thread, String.valueOf(r));
        });
  }
}

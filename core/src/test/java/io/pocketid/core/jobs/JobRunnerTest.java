package io.pocketid.core.jobs;

import static io.pocketid.core.store.contract.Fixtures.loginCode;
import static io.pocketid.core.store.contract.Fixtures.session;
import static io.pocketid.core.store.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.model.UsedCode;
import io.pocketid.core.model.User;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Jobs move with the test clock; nothing sleeps. */
class JobRunnerTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final InMemoryStorage storage = new InMemoryStorage();
  private final AtomicInteger runs = new AtomicInteger();
  private final Job counting =
      new Job("counting", Duration.ofHours(1), now -> "run " + runs.incrementAndGet());

  @AfterEach
  void close() {
    storage.close();
  }

  private JobRunner runner(String owner, Job... jobs) {
    return new JobRunner(storage.keyValues(), clock, owner, List.of(jobs));
  }

  @Test
  void aJobRunsWhenDueAndNotAgainBeforeItsInterval() {
    JobRunner runner = runner("a", counting);

    assertThat(runner.runDue()).containsExactly("counting");
    clock.advance(Duration.ofMinutes(59));
    assertThat(runner.runDue()).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(runner.runDue()).containsExactly("counting");
    assertThat(runs.get()).isEqualTo(2);
  }

  @Test
  void twoInstancesOnOneDatabaseRunAJobOnce() {
    JobRunner first = runner("instance-1", counting);
    JobRunner second = runner("instance-2", counting);

    first.runDue();
    second.runDue();
    clock.advance(Duration.ofHours(1));
    second.runDue();
    first.runDue();

    assertThat(runs.get()).isEqualTo(2);
  }

  @Test
  void aLeaseHeldByAnotherInstanceBlocksUntilItExpires() {
    // instance-0 took the lease and crashed while running.
    storage
        .keyValues()
        .put(
            "job.lease.counting",
            "instance-0|" + clock.instant().plus(JobRunner.LEASE).toEpochMilli());
    JobRunner runner = runner("instance-1", counting);

    assertThat(runner.runDue()).isEmpty();
    clock.advance(JobRunner.LEASE);
    assertThat(runner.runDue()).containsExactly("counting");
    assertThat(runs.get()).isEqualTo(1);
    assertThat(storage.keyValues().get("job.lease.counting")).contains("instance-1|0");
  }

  @Test
  void aFailingJobBacksOffAndNeverStopsTheOthers() {
    AtomicInteger attempts = new AtomicInteger();
    Job failing =
        new Job(
            "failing",
            Duration.ofHours(1),
            now -> {
              attempts.incrementAndGet();
              throw new IllegalStateException("database full");
            });
    JobRunner runner = runner("a", failing, counting);

    assertThat(runner.runDue()).containsExactly("failing", "counting");
    clock.advance(Duration.ofSeconds(59));
    runner.runDue();
    assertThat(attempts.get()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    runner.runDue();
    assertThat(attempts.get()).isEqualTo(2);
    // Doubled: two minutes now.
    clock.advance(Duration.ofMinutes(1));
    runner.runDue();
    assertThat(attempts.get()).isEqualTo(2);
    clock.advance(Duration.ofMinutes(1));
    runner.runDue();
    assertThat(attempts.get()).isEqualTo(3);
    assertThat(runs.get()).isEqualTo(1);
    // The failed job is not recorded as run and the lease is free again.
    assertThat(storage.keyValues().get("job.last.failing")).isEmpty();
    assertThat(storage.keyValues().get("job.lease.failing")).contains("a|0");
  }

  @Test
  void cleanupDeletesExpiredRowsAndOldAuditEntriesOnly() {
    User alice = user("alice").build();
    storage.users().create(alice);
    Instant now = clock.instant();
    storage.loginCodes().save(loginCode("expired", alice.id(), now.minusSeconds(1)));
    storage.loginCodes().save(loginCode("valid", alice.id(), now.plusSeconds(600)));
    storage.sessions().create(session("old", alice.id(), now.minus(Duration.ofDays(30))));
    storage.auditLog().append(audit("old", now.minus(Duration.ofDays(91)), alice));
    storage.auditLog().append(audit("recent", now.minus(Duration.ofDays(89)), alice));
    storage.usedCodes().record(new UsedCode("used-old", "family-old", now.minusSeconds(1)));
    storage.usedCodes().record(new UsedCode("used-new", "family-new", now.plusSeconds(600)));
    storage.revokedGrants().revoke("grant-old", now.minusSeconds(1));
    storage.revokedGrants().revoke("grant-new", now.plusSeconds(600));

    JobRunner runner =
        new JobRunner(
            storage.keyValues(),
            clock,
            "a",
            CleanupJobs.of(storage, CleanupJobs.DEFAULT_AUDIT_RETENTION));
    assertThat(runner.runDue()).containsExactly("delete-expired", "audit-retention");

    assertThat(
            storage
                .loginCodes()
                .consume(io.pocketid.core.store.contract.Fixtures.hash("valid"), now))
        .isPresent();
    assertThat(storage.loginCodes().deleteExpired(now)).isZero();
    assertThat(storage.sessions().deleteExpired(now)).isZero();
    assertThat(storage.usedCodes().take("used-old")).isEmpty();
    assertThat(storage.usedCodes().take("used-new")).isPresent();
    assertThat(storage.revokedGrants().isRevoked("grant-old")).isFalse();
    assertThat(storage.revokedGrants().isRevoked("grant-new")).isTrue();
    assertThat(storage.auditLog().list(null, PageRequest.of(1, 10)).items())
        .extracting(AuditEvent::id)
        .containsExactly("recent");
  }

  private static AuditEvent audit(String id, Instant at, User user) {
    return new AuditEvent(id, at, "SIGN_IN", null, null, user.id(), null, null, Map.of());
  }
}

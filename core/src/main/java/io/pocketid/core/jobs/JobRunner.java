package io.pocketid.core.jobs;

import io.pocketid.core.store.KeyValueStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the jobs that are due, each once across every instance on one database. The caller ticks it
 * ({@link #runDue}); nothing here sleeps or reads the system time.
 *
 * <p>A job is due when its last run (stored as {@code job.last.<name>}) is at least its interval
 * ago. An instance runs a due job only while it holds the job's lease ({@code job.lease.<name>},
 * {@code owner|expiresAtMillis}, taken with a compare-and-set); a lease whose holder crashed
 * expires after {@link #LEASE}. Due-ness is checked again under the lease, so an instance that
 * takes the lease just after another finished does not run the job a second time. A failing job is
 * logged and retried after a back-off that doubles from {@link #FIRST_BACKOFF} up to its interval;
 * it never stops the other jobs.
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  /** How long a lease lasts: longer than any job runs. */
  public static final Duration LEASE = Duration.ofMinutes(10);

  /** The first wait after a failure. */
  public static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);

  private final KeyValueStore store;
  private final Clock clock;
  private final String owner;
  private final List<Job> jobs;
  private final Map<String, Backoff> backoffs = new HashMap<>();

  private record Backoff(Instant until, Duration last) {}

  /**
   * @param owner this instance's name in leases (unique per instance)
   */
  public JobRunner(KeyValueStore store, Clock clock, String owner, List<Job> jobs) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.owner = Objects.requireNonNull(owner, "owner");
    this.jobs = List.copyOf(jobs);
    if (owner.contains("|")) {
      throw new IllegalArgumentException("owner must not contain '|'");
    }
  }

  /**
   * Runs every due job that this instance can lease, one after the other.
   *
   * @return the names of the jobs that ran (successfully or not)
   */
  public synchronized List<String> runDue() {
    List<String> ran = new java.util.ArrayList<>();
    for (Job job : jobs) {
      try {
        if (runIfDue(job)) {
          ran.add(job.name());
        }
      } catch (RuntimeException e) {
        // The store itself failed (database down): try again at the next tick.
        LOG.warn("Job {} could not be scheduled: {}", job.name(), e.getMessage());
      }
    }
    return ran;
  }

  private boolean runIfDue(Job job) {
    Instant now = clock.instant();
    Backoff backoff = backoffs.get(job.name());
    if (backoff != null && now.isBefore(backoff.until())) {
      return false;
    }
    if (!due(job, now)) {
      return false;
    }
    Optional<String> lease = acquire(job, now);
    if (lease.isEmpty()) {
      return false;
    }
    try {
      if (!due(job, now)) {
        return false;
      }
      try {
        String summary = job.task().run(now);
        store.put(lastKey(job), Long.toString(now.toEpochMilli()));
        backoffs.remove(job.name());
        LOG.info("Job {}: {}", job.name(), summary);
      } catch (Exception e) {
        Duration wait =
            backoff == null ? FIRST_BACKOFF : min(backoff.last().multipliedBy(2), job.interval());
        backoffs.put(job.name(), new Backoff(now.plus(wait), wait));
        LOG.error(
            "Job {} failed, retrying in {} s: {}", job.name(), wait.toSeconds(), e.toString());
      }
      return true;
    } finally {
      release(job, lease.get());
    }
  }

  private boolean due(Job job, Instant now) {
    Optional<String> last = store.get(lastKey(job));
    if (last.isEmpty()) {
      return true;
    }
    try {
      return !Instant.ofEpochMilli(Long.parseLong(last.get())).plus(job.interval()).isAfter(now);
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /** The lease value this instance wrote, when it got the lease. */
  private Optional<String> acquire(Job job, Instant now) {
    String mine = owner + "|" + now.plus(LEASE).toEpochMilli();
    String current = store.putIfAbsent(leaseKey(job), mine);
    if (current.equals(mine)) {
      return Optional.of(mine);
    }
    if (!expired(current, now)) {
      return Optional.empty();
    }
    return store.replace(leaseKey(job), current, mine) ? Optional.of(mine) : Optional.empty();
  }

  /** Gives the lease back: an expired value that the next instance can replace. */
  private void release(Job job, String mine) {
    store.replace(leaseKey(job), mine, owner + "|0");
  }

  private static boolean expired(String lease, Instant now) {
    int bar = lease.lastIndexOf('|');
    try {
      return bar < 0 || Long.parseLong(lease.substring(bar + 1)) <= now.toEpochMilli();
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String lastKey(Job job) {
    return "job.last." + job.name();
  }

  private static String leaseKey(Job job) {
    return "job.lease." + job.name();
  }
}

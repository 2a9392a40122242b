package io.pocketid.core.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A job: runs at most once per {@code interval} across all instances.
 *
 * @param name unique, also its key in the store ({@code job.last.<name>}, {@code job.lease.<name>})
 * @param interval time between the starts of two runs
 * @param task the work; returns a short summary for the log, throws on failure
 */
public record Job(String name, Duration interval, Task task) {
  /** The work of a job. */
  @FunctionalInterface
  public interface Task {
    /**
     * @param now the clock's time at the start of the run
     * @return a short summary for the log (counts, never secrets)
     */
    String run(Instant now) throws Exception;
  }

  public Job {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(task, "task");
    if (!name.matches("[a-z0-9-]{1,40}")) {
      throw new IllegalArgumentException("job name must be lower-case letters, digits and '-'");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
  }
}

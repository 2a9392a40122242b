package io.pocketid.server.internal.runtime;

import io.pocketid.core.jobs.CleanupJobs;
import io.pocketid.core.jobs.Job;
import io.pocketid.core.jobs.JobRunner;
import io.pocketid.core.store.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's background work, on one daemon thread that ticks every {@link #TICK}: the jobs that
 * run once across all instances ({@link CleanupJobs}: expired rows hourly, audit entries older than
 * the retention daily; the API-key reminder mails daily), and per instance the geolocation database
 * — reloaded when its file changed, downloaded when missing or stale (checked daily; the updater
 * itself skips a file younger than 14 days). Nothing a tick does can stop later ticks.
 */
public final class BackgroundJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);

  /** How often due work is looked for. */
  public static final Duration TICK = Duration.ofMinutes(1);

  /** How often this instance checks whether its geolocation database needs a download. */
  public static final Duration GEO_UPDATE_CHECK = Duration.ofDays(1);

  private final JobRunner runner;
  private final Geolocation geo;
  private final Clock clock;
  private Instant nextGeoUpdate;
  private ScheduledExecutorService executor;

  /**
   * @param auditRetention audit entries older than this are deleted
   * @param moreJobs jobs besides the cleanup (mail reminders), run once across instances too
   */
  public BackgroundJobs(
      Storage storage,
      Geolocation geo,
      Clock clock,
      java.time.Duration auditRetention,
      List<Job> moreJobs) {
    List<Job> jobs = new ArrayList<>(CleanupJobs.of(storage, auditRetention));
    jobs.addAll(moreJobs);
    this.runner = new JobRunner(storage.keyValues(), clock, "instance-" + UUID.randomUUID(), jobs);
    this.geo = geo;
    this.clock = clock;
    this.nextGeoUpdate = clock.instant();
  }

  /** Starts ticking on a daemon thread; the first tick one {@link #TICK} after start-up. */
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            work -> {
              Thread thread = new Thread(work, "pocket-id-jobs");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        this::tick, TICK.toSeconds(), TICK.toSeconds(), TimeUnit.SECONDS);
  }

  /** One round of due work; what fails is logged. */
  void tick() {
    try {
      runner.runDue();
    } catch (RuntimeException e) {
      LOG.error("Background jobs failed: {}", e.toString());
    }
    try {
      geo.locator().reloadIfChanged();
      Instant now = clock.instant();
      if (geo.updater().enabled() && !now.isBefore(nextGeoUpdate)) {
        nextGeoUpdate = now.plus(GEO_UPDATE_CHECK);
        geo.updater().updateIfStale();
      }
    } catch (RuntimeException e) {
      LOG.error("Geolocation refresh failed: {}", e.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }
}

package io.pocketid.server.internal.auth;

import io.pocketid.server.internal.http.BadRequestException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per route and client address (Pocket ID §6.5: sign-in paths allow a burst of 5,
 * then one request per 10 s). Per instance: with several instances an attacker gets one budget per
 * instance, which still bounds guessing. Idle buckets are dropped after 3 minutes.
 */
public final class RateLimiter {
  private static final Duration IDLE = Duration.ofMinutes(3);

  private final int burst;
  private final Duration refill;
  private final Clock clock;
  private final boolean enabled;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private volatile long lastSweepMillis;

  /**
   * @param burst requests allowed at once
   * @param refill time for one request to come back
   * @param enabled false with APP_ENV=test
   */
  public RateLimiter(int burst, Duration refill, Clock clock, boolean enabled) {
    this.burst = burst;
    this.refill = refill;
    this.clock = clock;
    this.enabled = enabled;
  }

  /** Whether a request from {@code key} may go on now; counts it when it may. */
  /**
   * Spends a token for {@code key}, or refuses the request.
   *
   * @throws BadRequestException 429 "Too many requests" when the budget is spent
   */
  public void require(String key) {
    if (!tryAcquire(key)) {
      throw new BadRequestException(429, "Too many requests");
    }
  }

  public boolean tryAcquire(String key) {
    if (!enabled) {
      return true;
    }
    Bucket bucket = refilled(key);
    synchronized (bucket) {
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return true;
      }
      return false;
    }
  }

  /**
   * How long {@code key} must wait before its next attempt, when its budget is spent; empty when it
   * may go on. Counts nothing: for limits on failures, with {@link #spend} after each failure.
   */
  public Optional<Duration> waitTime(String key) {
    if (!enabled) {
      return Optional.empty();
    }
    Bucket bucket = refilled(key);
    synchronized (bucket) {
      if (bucket.tokens >= 1) {
        return Optional.empty();
      }
      return Optional.of(Duration.ofMillis((long) Math.ceil((1 - bucket.tokens) * refillMillis())));
    }
  }

  /** Takes one request from {@code key}'s budget (a failure), down to zero. */
  public void spend(String key) {
    if (!enabled) {
      return;
    }
    Bucket bucket = refilled(key);
    synchronized (bucket) {
      bucket.tokens = Math.max(0, bucket.tokens - 1);
    }
  }

  private Bucket refilled(String key) {
    long now = clock.millis();
    sweep(now);
    Bucket bucket =
        buckets.computeIfAbsent(key == null ? "unknown" : key, k -> new Bucket(burst, now));
    synchronized (bucket) {
      bucket.tokens =
          Math.min(burst, bucket.tokens + (now - bucket.updatedMillis) / refillMillis());
      bucket.updatedMillis = now;
    }
    return bucket;
  }

  private double refillMillis() {
    return refill.toMillis();
  }

  private void sweep(long now) {
    if (now - lastSweepMillis < IDLE.toMillis()) {
      return;
    }
    lastSweepMillis = now;
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      Bucket bucket = it.next();
      if (now - bucket.updatedMillis > IDLE.toMillis()) {
        it.remove();
      }
    }
  }

  private static final class Bucket {
    double tokens;
    long updatedMillis;

    Bucket(int tokens, long now) {
      this.tokens = tokens;
      this.updatedMillis = now;
    }
  }
}

package io.pocketid.oidc.client;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Used assertion ids in this process's memory, forgotten once expired. Not shared between
 * instances: with several instances behind one load balancer an assertion could be replayed once
 * per instance. At most {@code maxEntries} live ids are kept; when full, new ids are refused (fail
 * closed) until some expire.
 */
public final class InMemoryJtiRegistry implements JtiRegistry {
  private final ConcurrentHashMap<String, Instant> used = new ConcurrentHashMap<>();
  private final int maxEntries;

  public InMemoryJtiRegistry(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive");
    }
    this.maxEntries = maxEntries;
  }

  public InMemoryJtiRegistry() {
    this(100_000);
  }

  @Override
  public boolean firstUse(String key, Instant expiresAt, Instant now) {
    if (used.size() >= maxEntries) {
      used.values().removeIf(exp -> exp.isBefore(now));
      if (used.size() >= maxEntries) {
        return false;
      }
    }
    Instant previous = used.putIfAbsent(key, expiresAt);
    if (previous == null) {
      return true;
    }
    if (previous.isBefore(now)) {
      return used.replace(key, previous, expiresAt);
    }
    return false;
  }

  int size() {
    return used.size();
  }
}

package io.pocketid.oidc.client;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caches the JWK sets of federated identities. A set is fetched on first use and again once it is
 * {@code maxAge} old. When a token names a key the cached set lacks (the issuer rotated its keys),
 * the set is fetched again, but at most once per {@code minRefresh}, so tokens with made-up key ids
 * cannot make this server hammer the issuer. A failed fetch keeps serving the previous set.
 * Thread-safe; one fetch at a time per URL. URLs come from client configuration only (an assertion
 * must name a configured issuer first), so the cache is bounded by the configuration.
 */
public final class JwksCache {
  /** Default minimum time between two fetches of the same URL. */
  public static final Duration DEFAULT_MIN_REFRESH = Duration.ofMinutes(5);

  /** Default age after which a cached set is fetched again. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);

  private record Entry(JWKSet keys, Instant fetchedAt, Instant lastAttempt) {}

  private final JwksFetcher fetcher;
  private final Clock clock;
  private final Duration minRefresh;
  private final Duration maxAge;
  private final ConcurrentHashMap<URI, Entry> entries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<URI, Object> locks = new ConcurrentHashMap<>();

  public JwksCache(JwksFetcher fetcher, Clock clock, Duration minRefresh, Duration maxAge) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.minRefresh = Objects.requireNonNull(minRefresh, "minRefresh");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    if (minRefresh.compareTo(maxAge) > 0) {
      throw new IllegalArgumentException("minRefresh must not exceed maxAge");
    }
  }

  public JwksCache(JwksFetcher fetcher, Clock clock) {
    this(fetcher, clock, DEFAULT_MIN_REFRESH, DEFAULT_MAX_AGE);
  }

  /** The cached set, fetched when absent or older than {@code maxAge}. */
  JWKSet get(URI uri) throws IOException {
    return load(uri, false);
  }

  /**
   * A fresher set when the last fetch attempt is older than {@code minRefresh}, else the cached.
   */
  JWKSet refresh(URI uri) throws IOException {
    return load(uri, true);
  }

  private JWKSet load(URI uri, boolean wantFresh) throws IOException {
    synchronized (locks.computeIfAbsent(uri, u -> new Object())) {
      Instant now = clock.instant();
      Entry entry = entries.get(uri);
      if (entry != null) {
        boolean tooOld = !now.isBefore(entry.fetchedAt().plus(maxAge));
        boolean mayRefetch = !now.isBefore(entry.lastAttempt().plus(minRefresh));
        if (!(tooOld || wantFresh) || !mayRefetch) {
          return entry.keys();
        }
      }
      try {
        JWKSet keys = JWKSet.parse(fetcher.fetch(uri));
        entries.put(uri, new Entry(keys, now, now));
        return keys;
      } catch (ParseException | IOException e) {
        if (entry != null) {
          entries.put(uri, new Entry(entry.keys(), entry.fetchedAt(), now));
          return entry.keys();
        }
        throw e instanceof IOException io
            ? io
            : new IOException("not a JWK set at " + uri + ": " + e.getMessage(), e);
      }
    }
  }
}

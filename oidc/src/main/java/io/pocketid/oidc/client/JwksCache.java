package io.pocketid.oidc.client;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Caches the JWK sets of federated identities. A set is fetched on first use and again once it is
 * {@code maxAge} old. When a token names a key the cached set lacks (the issuer rotated its keys),
 * the set is fetched again, but at most once per {@code minRefresh}, so tokens with made-up key ids
 * cannot make this server hammer the issuer.
 *
 * <p>Failures are cached too: after a failed fetch the URL is not tried again for a back-off that
 * starts at {@code firstBackoff} and doubles with each further failure up to {@code minRefresh};
 * meanwhile the previous set is served, or, without one, the cached failure is thrown at once. So
 * an issuer that does not answer costs one fetch (one fetcher timeout) per back-off period, not one
 * per unauthenticated assertion.
 *
 * <p>Thread-safe; one fetch at a time per URL. While a fetch runs, other callers get the previous
 * set or the previous failure without waiting; only callers of a URL never fetched before wait for
 * its first fetch. URLs come from client configuration only (an assertion must name a configured
 * issuer first), so the cache is bounded by the configuration.
 */
public final class JwksCache {
  /** Default minimum time between two fetches of the same URL. */
  public static final Duration DEFAULT_MIN_REFRESH = Duration.ofMinutes(5);

  /** Default age after which a cached set is fetched again. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);

  /** Default wait after a first failed fetch (doubling with each further failure). */
  public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofSeconds(10);

  /**
   * What is known about one URL: the last set fetched (if any), when the next fetch may start, and
   * the last failure since the last success (if any).
   */
  private record Entry(
      Optional<JWKSet> keys,
      Instant fetchedAt,
      Instant nextAttempt,
      int failures,
      Optional<String> failure) {
    JWKSet keysOrFailure(URI uri) throws IOException {
      if (keys.isPresent()) {
        return keys.get();
      }
      throw new IOException(
          "JWK set from " + uri + " unavailable: " + failure.orElse("not fetched"));
    }
  }

  /** Per URL: the entry and the fetch in progress, both guarded by the state's monitor. */
  private static final class State {
    private Entry entry;
    private CompletableFuture<Entry> inFlight;
  }

  private final JwksFetcher fetcher;
  private final Clock clock;
  private final Duration minRefresh;
  private final Duration maxAge;
  private final Duration firstBackoff;
  private final ConcurrentHashMap<URI, State> states = new ConcurrentHashMap<>();

  /**
   * @throws IllegalArgumentException when {@code minRefresh} exceeds {@code maxAge}, or {@code
   *     firstBackoff} is not positive or exceeds {@code minRefresh}
   */
  public JwksCache(
      JwksFetcher fetcher,
      Clock clock,
      Duration minRefresh,
      Duration maxAge,
      Duration firstBackoff) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.minRefresh = Objects.requireNonNull(minRefresh, "minRefresh");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
    if (minRefresh.compareTo(maxAge) > 0) {
      throw new IllegalArgumentException("minRefresh must not exceed maxAge");
    }
    if (firstBackoff.isNegative()
        || firstBackoff.isZero()
        || firstBackoff.compareTo(minRefresh) > 0) {
      throw new IllegalArgumentException(
          "firstBackoff must be positive and not exceed minRefresh, was " + firstBackoff);
    }
  }

  public JwksCache(JwksFetcher fetcher, Clock clock, Duration minRefresh, Duration maxAge) {
    this(fetcher, clock, minRefresh, maxAge, min(DEFAULT_FIRST_BACKOFF, minRefresh));
  }

  public JwksCache(JwksFetcher fetcher, Clock clock) {
    this(fetcher, clock, DEFAULT_MIN_REFRESH, DEFAULT_MAX_AGE, DEFAULT_FIRST_BACKOFF);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
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
    State state = states.computeIfAbsent(uri, u -> new State());
    CompletableFuture<Entry> mine = new CompletableFuture<>();
    CompletableFuture<Entry> running;
    Entry previous;
    Instant now;
    synchronized (state) {
      now = clock.instant();
      previous = state.entry;
      running = state.inFlight;
      if (previous != null && (running != null || !due(previous, now, wantFresh))) {
        return previous.keysOrFailure(uri);
      }
      if (running == null) {
        state.inFlight = mine;
      }
    }
    if (running != null) {
      return awaitFirstFetch(uri, running);
    }
    Entry next = fetch(uri, previous, now);
    synchronized (state) {
      state.entry = next;
      state.inFlight = null;
    }
    mine.complete(next);
    return next.keysOrFailure(uri);
  }

  /**
   * Whether a fetch is due: the set is missing, too old or wanted fresher, and no back-off runs.
   */
  private boolean due(Entry entry, Instant now, boolean wantFresh) {
    boolean stale =
        entry.keys().isEmpty() || wantFresh || !now.isBefore(entry.fetchedAt().plus(maxAge));
    return stale && !now.isBefore(entry.nextAttempt());
  }

  private Entry fetch(URI uri, Entry previous, Instant now) {
    try {
      JWKSet keys = JWKSet.parse(fetcher.fetch(uri));
      return new Entry(Optional.of(keys), now, now.plus(minRefresh), 0, Optional.empty());
    } catch (ParseException | IOException | RuntimeException e) {
      return failure(previous, now, describe(uri, e));
    }
  }

  private static JWKSet awaitFirstFetch(URI uri, CompletableFuture<Entry> fetch)
      throws IOException {
    try {
      return fetch.get().keysOrFailure(uri);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the JWK set from " + uri, e);
    } catch (ExecutionException e) {
      throw new IOException("JWK set from " + uri + " unavailable", e.getCause());
    }
  }

  private Entry failure(Entry previous, Instant now, String reason) {
    int failures = previous == null ? 1 : previous.failures() + 1;
    Duration backoff = firstBackoff;
    for (int i = 1; i < failures && backoff.compareTo(minRefresh) < 0; i++) {
      backoff = backoff.multipliedBy(2);
    }
    backoff = min(backoff, minRefresh);
    if (previous == null) {
      return new Entry(Optional.empty(), now, now.plus(backoff), failures, Optional.of(reason));
    }
    return new Entry(
        previous.keys(), previous.fetchedAt(), now.plus(backoff), failures, Optional.of(reason));
  }

  private static String describe(URI uri, Exception e) {
    if (e instanceof ParseException) {
      return "not a JWK set at " + uri + ": " + e.getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}

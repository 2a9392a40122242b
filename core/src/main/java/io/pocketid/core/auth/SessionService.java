package io.pocketid.core.auth;

import io.pocketid.core.model.BrowserSession;
import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Browser sessions: a random cookie value whose hash is stored; sliding expiry; logout takes effect
 * at once on every instance because every request looks the session up.
 */
public final class SessionService {
  /** Authentication methods recorded on a session (and used for the {@code amr} claim). */
  public static final String METHOD_PASSKEY = "passkey";

  public static final String METHOD_LOGIN_CODE = "login_code";

  /** The first admin, signed in by first-run setup before any credential exists. */
  public static final String METHOD_SETUP = "setup";

  /** A user who just signed up, signed in before any credential exists. */
  public static final String METHOD_SIGNUP = "signup";

  private final Storage storage;
  private final Clock clock;
  private final RandomTokens random;
  private final Supplier<Duration> lifetime;

  /**
   * @param lifetime the session lifetime, read at each use (the {@code sessionDuration} setting)
   */
  public SessionService(
      Storage storage, Clock clock, RandomTokens random, Supplier<Duration> lifetime) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
  }

  /** A new session and the cookie value for it (shown once; only its hash is stored). */
  public record NewSession(String cookieValue, BrowserSession session) {}

  /**
   * A session found for a cookie, with its user as stored now.
   *
   * @param renewed whether this lookup extended the session (the cookie should be re-sent)
   */
  public record ActiveSession(BrowserSession session, User user, boolean renewed) {}

  /** Starts a session for a user who just authenticated. */
  public NewSession start(String userId, String authMethod, String ipAddress, String userAgent) {
    Instant now = now();
    String cookieValue = random.urlSafe(32);
    BrowserSession session =
        new BrowserSession(
            UUID.randomUUID().toString(),
            TokenHasher.hash(cookieValue),
            userId,
            now,
            now.plus(lifetime.get()),
            now,
            ipAddress,
            userAgent,
            authMethod);
    storage.sessions().create(session);
    return new NewSession(cookieValue, session);
  }

  /**
   * The live session for a cookie value. Renews the expiry (sliding) once less than half of the
   * lifetime is left, so most requests do not write. A session whose user is gone is deleted.
   */
  public Optional<ActiveSession> resolve(String cookieValue) {
    if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 200) {
      return Optional.empty();
    }
    Instant now = now();
    Optional<BrowserSession> found =
        storage.sessions().findActive(TokenHasher.hash(cookieValue), now);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    BrowserSession session = found.get();
    Optional<User> user = storage.users().findById(session.userId());
    if (user.isEmpty()) {
      storage.sessions().delete(session.id());
      return Optional.empty();
    }
    Duration life = lifetime.get();
    boolean renewed = false;
    if (Duration.between(now, session.expiresAt()).compareTo(life.dividedBy(2)) < 0) {
      Instant newExpiry = now.plus(life);
      if (storage.sessions().extend(session.id(), now, newExpiry)) {
        renewed = true;
        session =
            new BrowserSession(
                session.id(),
                session.idHash(),
                session.userId(),
                session.createdAt(),
                newExpiry,
                now,
                session.ipAddress(),
                session.userAgent(),
                session.authMethod());
      }
    }
    return Optional.of(new ActiveSession(session, user.get(), renewed));
  }

  /** Ends the session of this cookie value, if any. */
  public boolean end(String cookieValue) {
    if (cookieValue == null || cookieValue.isEmpty()) {
      return false;
    }
    return storage
        .sessions()
        .findActive(TokenHasher.hash(cookieValue), now())
        .map(s -> storage.sessions().delete(s.id()))
        .orElse(false);
  }

  /** Ends every session of a user (for example when they are disabled). */
  public int endAll(String userId) {
    return storage.sessions().deleteForUser(userId);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}

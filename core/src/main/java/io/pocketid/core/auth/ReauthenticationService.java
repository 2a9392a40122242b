package io.pocketid.core.auth;

import io.pocketid.core.model.BrowserSession;
import io.pocketid.core.model.ReauthenticationToken;
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

/**
 * Reauthentication tokens (Pocket ID §3.4): 32 characters, 3 minutes, bound to the user, consumed
 * once by an authorization for a client that requires a fresh passkey.
 */
public final class ReauthenticationService {
  public static final Duration LIFETIME = Duration.ofMinutes(3);

  /** How long after a passkey sign-in the sign-in itself counts as reauthentication. */
  public static final Duration RECENT_PASSKEY_SIGN_IN = Duration.ofSeconds(60);

  private final Storage storage;
  private final Clock clock;
  private final RandomTokens random;

  public ReauthenticationService(Storage storage, Clock clock, RandomTokens random) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Issues a token for a user who just proved presence with a passkey. */
  public String issue(String userId) {
    String token = random.fromAlphabet(RandomTokens.ALPHANUMERIC, 32);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    storage
        .reauthenticationTokens()
        .save(
            new ReauthenticationToken(
                UUID.randomUUID().toString(),
                TokenHasher.hash(token),
                now,
                now.plus(LIFETIME),
                userId));
    return token;
  }

  /**
   * A token without a new assertion, for a browser session that was started by a passkey assertion
   * less than {@link #RECENT_PASSKEY_SIGN_IN} ago. A session started with a login code or by the
   * initial setup, or no session at all (an API key), never counts as presence with a passkey.
   */
  public Optional<String> issueForRecentPasskeySignIn(BrowserSession session) {
    if (session == null
        || !SessionService.METHOD_PASSKEY.equals(session.authMethod())
        || session.createdAt().plus(RECENT_PASSKEY_SIGN_IN).isBefore(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(issue(session.userId()));
  }

  /**
   * Uses up a token.
   *
   * @return whether the token was valid for this user (a token of another user stays unused)
   */
  public boolean consume(String token, String userId) {
    if (token == null || token.isBlank() || token.length() > 64) {
      return false;
    }
    return storage
        .reauthenticationTokens()
        .consume(TokenHasher.hash(token), userId, clock.instant())
        .isPresent();
  }
}

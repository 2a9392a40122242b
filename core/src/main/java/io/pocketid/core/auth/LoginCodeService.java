package io.pocketid.core.auth;

import io.pocketid.core.model.LoginCode;
import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One-time access tokens ("login codes"): 6 characters for lifetimes up to 15 minutes, 16 for
 * longer ones; single use; only the hash is stored; disabled users are refused (Pocket ID v1.15 let
 * them in, see its §10).
 */
public final class LoginCodeService {
  /** Lifetimes up to this get a short code a person can type. */
  public static final Duration SHORT_CODE_MAX_TTL = Duration.ofMinutes(15);

  /** The longest lifetime an admin may give a code (Pocket ID: 31 days). */
  public static final Duration MAX_TTL = Duration.ofDays(31);

  private final Storage storage;
  private final Clock clock;
  private final RandomTokens random;

  public LoginCodeService(Storage storage, Clock clock, RandomTokens random) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Creates a login code for a user.
   *
   * @return the code in plain form (shown once)
   * @throws AuthFailure BAD_REQUEST when the lifetime is not in (1 s, 31 days] or the user does not
   *     exist
   */
  public String create(String userId, Duration ttl) {
    if (ttl.compareTo(Duration.ofSeconds(1)) <= 0 || ttl.compareTo(MAX_TTL) > 0) {
      throw new AuthFailure(
          AuthFailure.Reason.BAD_REQUEST,
          "Lifetime must be more than 1 second and at most 31 days");
    }
    if (storage.users().findById(userId).isEmpty()) {
      throw new AuthFailure(AuthFailure.Reason.BAD_REQUEST, "User not found");
    }
    int length = ttl.compareTo(SHORT_CODE_MAX_TTL) <= 0 ? 6 : 16;
    String code = random.fromAlphabet(RandomTokens.UNAMBIGUOUS, length);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    storage
        .loginCodes()
        .save(
            new LoginCode(
                UUID.randomUUID().toString(), TokenHasher.hash(code), now, now.plus(ttl), userId));
    return code;
  }

  /**
   * Exchanges a code for its user; the code is used up even when the user turns out to be disabled.
   *
   * @throws AuthFailure INVALID_TOKEN for an unknown, used or expired code; DISABLED_USER
   */
  public User exchange(String code) {
    if (code == null || code.isBlank() || code.length() > 64) {
      throw new AuthFailure(AuthFailure.Reason.INVALID_TOKEN);
    }
    LoginCode used =
        storage
            .loginCodes()
            .consume(TokenHasher.hash(code), clock.instant())
            .orElseThrow(() -> new AuthFailure(AuthFailure.Reason.INVALID_TOKEN));
    User user =
        storage
            .users()
            .findById(used.userId())
            .orElseThrow(() -> new AuthFailure(AuthFailure.Reason.INVALID_TOKEN));
    if (user.disabled()) {
      throw new AuthFailure(AuthFailure.Reason.DISABLED_USER);
    }
    return user;
  }
}

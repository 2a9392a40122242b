package io.pocketid.core.auth;

import io.pocketid.core.model.ApiKey;
import io.pocketid.core.model.User;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Authenticates an {@code X-API-KEY} header value: the key acts as its owner. */
public final class ApiKeyAuthenticator {
  /** How stale {@code lastUsedAt} may get before a use is written. */
  public static final java.time.Duration TOUCH_INTERVAL = java.time.Duration.ofMinutes(1);

  private final Storage storage;
  private final Clock clock;

  public ApiKeyAuthenticator(Storage storage, Clock clock) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The owner of a valid, unexpired key, recording the use.
   *
   * @return empty for an unknown or expired key
   * @throws AuthFailure DISABLED_USER when the owner is disabled
   */
  public Optional<User> authenticate(String rawKey) {
    if (rawKey == null || rawKey.isBlank() || rawKey.length() > 200) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Optional<ApiKey> key =
        storage
            .apiKeys()
            .findByHash(TokenHasher.hash(rawKey))
            .filter(k -> k.expiresAt().isAfter(now));
    if (key.isEmpty()) {
      return Optional.empty();
    }
    Optional<User> owner = storage.users().findById(key.get().userId());
    if (owner.isPresent() && owner.get().disabled()) {
      throw new AuthFailure(AuthFailure.Reason.DISABLED_USER);
    }
    Instant lastUsed = key.get().lastUsedAt();
    if (owner.isPresent() && (lastUsed == null || lastUsed.isBefore(now.minus(TOUCH_INTERVAL)))) {
      // At most one write a minute per key: scripts call the API often, and on SQLite every
      // write goes through the single writer.
      storage.apiKeys().touch(key.get().id(), now);
    }
    return owner;
  }
}

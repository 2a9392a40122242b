package io.pocketid.core.store;

import io.pocketid.core.model.WebauthnChallenge;
import java.time.Instant;
import java.util.Optional;

/** Pending WebAuthn ceremonies. */
public interface WebauthnChallengeStore {
  /**
   * @throws DuplicateKeyException key {@code id} or {@code challenge}
   */
  void save(WebauthnChallenge challenge);

  /**
   * Atomically removes and returns the ceremony if it has not expired at {@code now}. An expired
   * ceremony is removed too, and empty is returned.
   */
  Optional<WebauthnChallenge> consume(String id, Instant now);

  /**
   * @return how many ceremonies that expired before {@code now} were deleted
   */
  int deleteExpired(Instant now);
}

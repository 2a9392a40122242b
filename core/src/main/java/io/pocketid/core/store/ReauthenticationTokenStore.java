package io.pocketid.core.store;

import io.pocketid.core.model.ReauthenticationToken;
import java.time.Instant;
import java.util.Optional;

/** Reauthentication tokens: proof of a fresh passkey assertion. */
public interface ReauthenticationTokenStore {
  /**
   * @throws DuplicateKeyException key {@code tokenHash}
   */
  void save(ReauthenticationToken token);

  /**
   * Atomically removes and returns the token if it belongs to {@code userId} and has not expired at
   * {@code now}. A token of another user is left in place.
   */
  Optional<ReauthenticationToken> consume(String tokenHash, String userId, Instant now);

  /**
   * @return how many tokens that expired before {@code now} were deleted
   */
  int deleteExpired(Instant now);
}

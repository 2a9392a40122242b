package io.pocketid.core.store;

import io.pocketid.core.model.SignupToken;
import java.time.Instant;
import java.util.Optional;

/** Signup invitations. */
public interface SignupTokenStore {
  /**
   * @throws DuplicateKeyException key {@code tokenHash}
   */
  void save(SignupToken token);

  Optional<SignupToken> findByHash(String tokenHash);

  /**
   * Atomically counts one use if the token exists, has not expired at {@code now} and has uses
   * left. Of concurrent calls, no more succeed than the uses left.
   *
   * @return the token after the use, or empty when it could not be used
   */
  Optional<SignupToken> use(String tokenHash, Instant now);

  /** Sortable: {@code createdAt}, {@code expiresAt}, {@code usageLimit}, {@code usageCount}. */
  Page<SignupToken> list(PageRequest request);

  /**
   * @return whether a token was deleted
   */
  boolean delete(String id);

  /**
   * @return how many tokens that expired before {@code now} were deleted
   */
  int deleteExpired(Instant now);
}

package io.pocketid.core.store;

import io.pocketid.core.model.RefreshToken;
import java.time.Instant;
import java.util.Optional;

/** Refresh tokens, grouped in rotation families. */
public interface RefreshTokenStore {
  /**
   * @throws DuplicateKeyException key {@code tokenHash}
   */
  void save(RefreshToken token);

  Optional<RefreshToken> findByHash(String tokenHash);

  /**
   * Marks the token rotated, only if it is not already: of two concurrent calls exactly one returns
   * true.
   */
  boolean markRotated(String id);

  /**
   * @return how many tokens of the family were deleted
   */
  int deleteFamily(String familyId);

  /** Deletes a user's tokens for one client (logout, consent revocation). */
  int deleteForUserAndClient(String userId, String clientId);

  /**
   * @return how many tokens that expired before {@code now} were deleted
   */
  int deleteExpired(Instant now);

  /**
   * Deletes all of a user's tokens, for every client (the user was disabled).
   *
   * @return how many were deleted
   */
  int deleteForUser(String userId);
}

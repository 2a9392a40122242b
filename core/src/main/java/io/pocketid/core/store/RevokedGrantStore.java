package io.pocketid.core.store;

import java.time.Instant;

/**
 * Grants whose access tokens must no longer be honoured, each until the instant after which the
 * mark is useless (when the grant's last access token has expired anyway).
 */
public interface RevokedGrantStore {
  /**
   * Marks the grant revoked. Marking a grant again keeps the later of the two instants.
   *
   * @param uselessAfter after this the mark may be deleted
   */
  void revoke(String grantId, Instant uselessAfter);

  /** Whether the grant is marked (an expired mark that is not deleted yet still counts). */
  boolean isRevoked(String grantId);

  /**
   * @return how many marks useless before {@code now} were deleted
   */
  int deleteExpired(Instant now);
}

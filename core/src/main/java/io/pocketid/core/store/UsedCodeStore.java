package io.pocketid.core.store;

import io.pocketid.core.model.UsedCode;
import java.time.Instant;
import java.util.Optional;

/** Marks of redeemed authorization codes: written once, taken at most once, then expiring. */
public interface UsedCodeStore {
  /**
   * @throws DuplicateKeyException key {@code codeHash}
   */
  void record(UsedCode used);

  /**
   * Atomically removes and returns the mark, whether or not it has expired (the caller decides). Of
   * two concurrent calls at most one gets it.
   */
  Optional<UsedCode> take(String codeHash);

  /**
   * @return how many marks that expired before {@code now} were deleted
   */
  int deleteExpired(Instant now);
}

package io.pocketid.core.store;

import io.pocketid.core.model.LoginCode;
import java.time.Instant;
import java.util.Optional;

/** One-time access tokens ("login codes"). */
public interface LoginCodeStore {
  /**
   * @throws DuplicateKeyException key {@code codeHash}
   */
  void save(LoginCode code);

  /**
   * Atomically removes and returns the code if it exists and has not expired at {@code now}. Of two
   * concurrent calls at most one gets it.
   */
  Optional<LoginCode> consume(String codeHash, Instant now);

  /**
   * @return how many codes that expired before {@code now} were deleted
   */
  int deleteExpired(Instant now);
}

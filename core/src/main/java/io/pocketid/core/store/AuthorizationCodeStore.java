package io.pocketid.core.store;

import io.pocketid.core.model.AuthorizationCode;
import java.time.Instant;
import java.util.Optional;

/** Authorization codes: written once, consumed once. */
public interface AuthorizationCodeStore {
  /**
   * @throws DuplicateKeyException key {@code codeHash}
   */
  void save(AuthorizationCode code);

  /**
   * Atomically removes and returns the code, whether or not it has expired (the caller decides). Of
   * two concurrent calls at most one gets it.
   */
  Optional<AuthorizationCode> consume(String codeHash);

  /**
   * @return how many codes that expired before {@code now} were deleted
   */
  int deleteExpired(Instant now);
}

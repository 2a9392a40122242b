package io.pocketid.core.store;

import io.pocketid.core.model.BrowserSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Browser sessions. */
public interface SessionStore {
  /**
   * @throws DuplicateKeyException key {@code idHash}
   */
  void create(BrowserSession session);

  /** The session with this cookie hash if it has not expired at {@code now}. */
  Optional<BrowserSession> findActive(String idHash, Instant now);

  /**
   * Extends a session (sliding renewal).
   *
   * @return whether the session still existed
   */
  boolean extend(String id, Instant lastSeenAt, Instant newExpiresAt);

  /** A user's sessions that have not expired, newest first. */
  List<BrowserSession> listActiveForUser(String userId, Instant now);

  /**
   * @return whether a session was deleted
   */
  boolean delete(String id);

  /**
   * @return how many sessions of the user were deleted
   */
  int deleteForUser(String userId);

  /**
   * @return how many sessions that expired before {@code now} were deleted
   */
  int deleteExpired(Instant now);
}

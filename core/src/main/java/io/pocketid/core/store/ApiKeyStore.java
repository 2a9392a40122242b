package io.pocketid.core.store;

import io.pocketid.core.model.ApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys. */
public interface ApiKeyStore {
  /**
   * @throws DuplicateKeyException key {@code keyHash}
   */
  void save(ApiKey key);

  Optional<ApiKey> findByHash(String keyHash);

  /** Records a use; unknown ids are ignored. */
  void touch(String id, Instant usedAt);

  /**
   * A user's keys. Sortable: {@code name}, {@code createdAt}, {@code expiresAt}, {@code
   * lastUsedAt}.
   */
  Page<ApiKey> listForUser(String userId, PageRequest request);

  /** Keys expiring in {@code [from, to)} whose reminder has not been sent, ordered by expiry. */
  List<ApiKey> expiringWithoutReminder(Instant from, Instant to);

  /**
   * @throws NotFoundException when no such key
   */
  void markReminderSent(String id);

  /** Deletes a key only if it belongs to {@code userId}; @return whether one was deleted. */
  boolean delete(String userId, String id);
}

package io.pocketid.core.store;

import io.pocketid.core.model.Consent;
import java.util.Optional;

/** Consents, one per user and client. */
public interface ConsentStore {
  /**
   * Inserts or replaces the consent of the user for the client.
   *
   * @throws NotFoundException when the user or the client does not exist
   */
  void upsert(Consent consent);

  Optional<Consent> find(String userId, String clientId);

  /**
   * A user's consents. Sortable: {@code lastUsedAt}, {@code clientId}; default order: last used,
   * newest first.
   */
  Page<Consent> listForUser(String userId, PageRequest request);

  /**
   * @return whether a consent was deleted
   */
  boolean delete(String userId, String clientId);
}

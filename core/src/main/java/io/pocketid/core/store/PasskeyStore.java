package io.pocketid.core.store;

import io.pocketid.core.model.Passkey;
import java.util.List;
import java.util.Optional;

/** WebAuthn credentials. Credential ids are unique. */
public interface PasskeyStore {
  /**
   * @throws DuplicateKeyException key {@code credentialId}
   * @throws NotFoundException when the user does not exist
   */
  void create(Passkey passkey);

  Optional<Passkey> findById(String id);

  Optional<Passkey> findByCredentialId(byte[] credentialId);

  /** A user's passkeys in creation order. */
  List<Passkey> listForUser(String userId);

  /**
   * Replaces the mutable parts of a stored passkey (name, sign count, backup flags, last used).
   *
   * @throws NotFoundException when no such passkey
   */
  void update(Passkey passkey);

  /** Deletes a passkey only if it belongs to {@code userId}; @return whether one was deleted. */
  boolean delete(String userId, String id);
}

package io.pocketid.core.store;

import io.pocketid.core.model.SigningKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Token signing keys and their history. */
public interface SigningKeyStore {
  /**
   * @throws DuplicateKeyException key {@code kid}
   */
  void save(SigningKey key);

  /**
   * Replaces retirement fields of a key.
   *
   * @throws NotFoundException when no such key
   */
  void update(SigningKey key);

  Optional<SigningKey> findByKid(String kid);

  /**
   * Keys to publish at {@code now}: those not yet past {@code publishUntil}, newest {@code
   * activeFrom} first.
   */
  List<SigningKey> listPublished(Instant now);
}

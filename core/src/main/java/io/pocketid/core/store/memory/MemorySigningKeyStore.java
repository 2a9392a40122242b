package io.pocketid.core.store.memory;

import io.pocketid.core.model.SigningKey;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.SigningKeyStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class MemorySigningKeyStore implements SigningKeyStore {
  private final MemoryState state;

  MemorySigningKeyStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void save(SigningKey key) {
    Objects.requireNonNull(key, "key");
    state.run(
        t -> {
          if (t.signingKeys.containsKey(key.kid())) {
            throw new DuplicateKeyException("signing key", "kid", key.kid());
          }
          t.signingKeys.put(key.kid(), key);
        });
  }

  /** Only {@code retiredAt} and {@code publishUntil} change; the key material stays. */
  @Override
  public void update(SigningKey key) {
    Objects.requireNonNull(key, "key");
    state.run(
        t -> {
          SigningKey stored = t.signingKeys.get(key.kid());
          if (stored == null) {
            throw new NotFoundException("signing key", key.kid());
          }
          t.signingKeys.put(
              key.kid(),
              new SigningKey(
                  stored.kid(),
                  stored.algorithm(),
                  stored.privateJwk(),
                  stored.encrypted(),
                  stored.createdAt(),
                  stored.activeFrom(),
                  key.retiredAt(),
                  key.publishUntil()));
        });
  }

  @Override
  public Optional<SigningKey> findByKid(String kid) {
    Objects.requireNonNull(kid, "kid");
    return state.call(t -> Optional.ofNullable(t.signingKeys.get(kid)));
  }

  @Override
  public List<SigningKey> listPublished(Instant now) {
    Objects.requireNonNull(now, "now");
    return state.call(
        t ->
            t.signingKeys.values().stream()
                .filter(k -> k.publishUntil() == null || !k.publishUntil().isBefore(now))
                .sorted(
                    Comparator.comparing(SigningKey::activeFrom)
                        .reversed()
                        .thenComparing(SigningKey::kid))
                .toList());
  }
}

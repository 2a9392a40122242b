package io.pocketid.core.store.memory;

import io.pocketid.core.model.Passkey;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.PasskeyStore;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class MemoryPasskeyStore implements PasskeyStore {
  private final MemoryState state;

  MemoryPasskeyStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void create(Passkey passkey) {
    Objects.requireNonNull(passkey, "passkey");
    byte[] credentialId = passkey.credentialId();
    state.run(
        t -> {
          if (t.passkeys.containsKey(passkey.id())) {
            throw new DuplicateKeyException("passkey", "id", passkey.id());
          }
          if (findCredential(t, credentialId).isPresent()) {
            throw new DuplicateKeyException(
                "passkey",
                "credentialId",
                Base64.getUrlEncoder().withoutPadding().encodeToString(credentialId));
          }
          if (!t.users.containsKey(passkey.userId())) {
            throw new NotFoundException("user", passkey.userId());
          }
          t.passkeys.put(passkey.id(), passkey);
        });
  }

  private static Optional<Passkey> findCredential(Tables t, byte[] credentialId) {
    return t.passkeys.values().stream()
        .filter(p -> Arrays.equals(p.credentialId(), credentialId))
        .findFirst();
  }

  @Override
  public Optional<Passkey> findById(String id) {
    Objects.requireNonNull(id, "id");
    return state.call(t -> Optional.ofNullable(t.passkeys.get(id)));
  }

  @Override
  public Optional<Passkey> findByCredentialId(byte[] credentialId) {
    byte[] wanted = Objects.requireNonNull(credentialId, "credentialId").clone();
    return state.call(t -> findCredential(t, wanted));
  }

  /** Creation order: by {@code createdAt}, then by id for passkeys created in the same instant. */
  @Override
  public List<Passkey> listForUser(String userId) {
    Objects.requireNonNull(userId, "userId");
    return state.call(
        t ->
            t.passkeys.values().stream()
                .filter(p -> p.userId().equals(userId))
                .sorted(Comparator.comparing(Passkey::createdAt).thenComparing(Passkey::id))
                .toList());
  }

  @Override
  public void update(Passkey passkey) {
    Objects.requireNonNull(passkey, "passkey");
    state.run(
        t -> {
          Passkey stored = t.passkeys.get(passkey.id());
          if (stored == null) {
            throw new NotFoundException("passkey", passkey.id());
          }
          t.passkeys.put(
              stored.id(),
              stored
                  .withName(passkey.name())
                  .afterAssertion(
                      passkey.signCount(),
                      passkey.backupEligible(),
                      passkey.backupState(),
                      passkey.lastUsedAt()));
        });
  }

  @Override
  public boolean delete(String userId, String id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    return state.call(
        t -> {
          Passkey p = t.passkeys.get(id);
          return p != null && p.userId().equals(userId) && t.passkeys.remove(id) != null;
        });
  }
}

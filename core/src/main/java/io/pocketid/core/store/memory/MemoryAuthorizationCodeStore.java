package io.pocketid.core.store.memory;

import io.pocketid.core.model.AuthorizationCode;
import io.pocketid.core.store.AuthorizationCodeStore;
import io.pocketid.core.store.DuplicateKeyException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

final class MemoryAuthorizationCodeStore implements AuthorizationCodeStore {
  private final MemoryState state;

  MemoryAuthorizationCodeStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void save(AuthorizationCode code) {
    Objects.requireNonNull(code, "code");
    state.run(
        t -> {
          if (t.authorizationCodes.containsKey(code.codeHash())) {
            throw new DuplicateKeyException("authorization code", "codeHash", code.codeHash());
          }
          if (t.authorizationCodes.values().stream().anyMatch(c -> c.id().equals(code.id()))) {
            throw new DuplicateKeyException("authorization code", "id", code.id());
          }
          t.authorizationCodes.put(code.codeHash(), code);
        });
  }

  @Override
  public Optional<AuthorizationCode> consume(String codeHash) {
    Objects.requireNonNull(codeHash, "codeHash");
    return state.call(t -> Optional.ofNullable(t.authorizationCodes.remove(codeHash)));
  }

  @Override
  public int deleteExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return state.call(t -> Rows.removeIf(t.authorizationCodes, c -> c.expiresAt().isBefore(now)));
  }
}

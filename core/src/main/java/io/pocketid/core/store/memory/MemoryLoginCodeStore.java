package io.pocketid.core.store.memory;

import io.pocketid.core.model.LoginCode;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.LoginCodeStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

final class MemoryLoginCodeStore implements LoginCodeStore {
  private final MemoryState state;

  MemoryLoginCodeStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void save(LoginCode code) {
    Objects.requireNonNull(code, "code");
    state.run(
        t -> {
          if (t.loginCodes.containsKey(code.codeHash())) {
            throw new DuplicateKeyException("login code", "codeHash", code.codeHash());
          }
          if (t.loginCodes.values().stream().anyMatch(c -> c.id().equals(code.id()))) {
            throw new DuplicateKeyException("login code", "id", code.id());
          }
          t.loginCodes.put(code.codeHash(), code);
        });
  }

  @Override
  public Optional<LoginCode> consume(String codeHash, Instant now) {
    Objects.requireNonNull(codeHash, "codeHash");
    Objects.requireNonNull(now, "now");
    return state.call(
        t -> {
          LoginCode code = t.loginCodes.get(codeHash);
          if (code == null || code.expiresAt().isBefore(now)) {
            return Optional.empty();
          }
          t.loginCodes.remove(codeHash);
          return Optional.of(code);
        });
  }

  @Override
  public int deleteExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return state.call(t -> Rows.removeIf(t.loginCodes, c -> c.expiresAt().isBefore(now)));
  }
}

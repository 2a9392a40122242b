package io.pocketid.core.store.memory;

import io.pocketid.core.model.UsedCode;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.UsedCodeStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

final class MemoryUsedCodeStore implements UsedCodeStore {
  private final MemoryState state;

  MemoryUsedCodeStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void record(UsedCode used) {
    Objects.requireNonNull(used, "used");
    state.run(
        t -> {
          if (t.usedCodes.putIfAbsent(used.codeHash(), used) != null) {
            throw new DuplicateKeyException("used code", "codeHash", used.codeHash());
          }
        });
  }

  @Override
  public Optional<UsedCode> take(String codeHash) {
    Objects.requireNonNull(codeHash, "codeHash");
    return state.call(t -> Optional.ofNullable(t.usedCodes.remove(codeHash)));
  }

  @Override
  public int deleteExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return state.call(t -> Rows.removeIf(t.usedCodes, u -> u.expiresAt().isBefore(now)));
  }
}

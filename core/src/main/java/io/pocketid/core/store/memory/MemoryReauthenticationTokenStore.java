package io.pocketid.core.store.memory;

import io.pocketid.core.model.ReauthenticationToken;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.ReauthenticationTokenStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

final class MemoryReauthenticationTokenStore implements ReauthenticationTokenStore {
  private final MemoryState state;

  MemoryReauthenticationTokenStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void save(ReauthenticationToken token) {
    Objects.requireNonNull(token, "token");
    state.run(
        t -> {
          if (t.reauthenticationTokens.containsKey(token.tokenHash())) {
            throw new DuplicateKeyException(
                "reauthentication token", "tokenHash", token.tokenHash());
          }
          if (t.reauthenticationTokens.values().stream().anyMatch(r -> r.id().equals(token.id()))) {
            throw new DuplicateKeyException("reauthentication token", "id", token.id());
          }
          t.reauthenticationTokens.put(token.tokenHash(), token);
        });
  }

  @Override
  public Optional<ReauthenticationToken> consume(String tokenHash, String userId, Instant now) {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(now, "now");
    return state.call(
        t -> {
          ReauthenticationToken token = t.reauthenticationTokens.get(tokenHash);
          if (token == null || !token.userId().equals(userId) || token.expiresAt().isBefore(now)) {
            return Optional.empty();
          }
          t.reauthenticationTokens.remove(tokenHash);
          return Optional.of(token);
        });
  }

  @Override
  public int deleteExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return state.call(
        t -> Rows.removeIf(t.reauthenticationTokens, r -> r.expiresAt().isBefore(now)));
  }
}

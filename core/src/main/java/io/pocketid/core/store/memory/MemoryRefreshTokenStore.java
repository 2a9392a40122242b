package io.pocketid.core.store.memory;

import io.pocketid.core.model.RefreshToken;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.RefreshTokenStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

final class MemoryRefreshTokenStore implements RefreshTokenStore {
  private final MemoryState state;

  MemoryRefreshTokenStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void save(RefreshToken token) {
    Objects.requireNonNull(token, "token");
    state.run(
        t -> {
          if (t.refreshTokens.containsKey(token.id())) {
            throw new DuplicateKeyException("refresh token", "id", token.id());
          }
          if (t.refreshTokens.values().stream()
              .anyMatch(r -> r.tokenHash().equals(token.tokenHash()))) {
            throw new DuplicateKeyException("refresh token", "tokenHash", token.tokenHash());
          }
          t.refreshTokens.put(token.id(), token);
        });
  }

  @Override
  public Optional<RefreshToken> findByHash(String tokenHash) {
    Objects.requireNonNull(tokenHash, "tokenHash");
    return state.call(
        t ->
            t.refreshTokens.values().stream()
                .filter(r -> r.tokenHash().equals(tokenHash))
                .findFirst());
  }

  @Override
  public boolean markRotated(String id) {
    Objects.requireNonNull(id, "id");
    return state.call(
        t -> {
          RefreshToken r = t.refreshTokens.get(id);
          if (r == null || r.rotated()) {
            return false;
          }
          t.refreshTokens.put(
              id,
              new RefreshToken(
                  r.id(),
                  r.tokenHash(),
                  r.familyId(),
                  r.createdAt(),
                  r.expiresAt(),
                  r.userId(),
                  r.clientId(),
                  r.scope(),
                  true,
                  r.sessionId(),
                  r.authTime()));
          return true;
        });
  }

  @Override
  public int deleteFamily(String familyId) {
    Objects.requireNonNull(familyId, "familyId");
    return state.call(t -> Rows.removeIf(t.refreshTokens, r -> r.familyId().equals(familyId)));
  }

  @Override
  public int deleteForUserAndClient(String userId, String clientId) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(clientId, "clientId");
    return state.call(
        t ->
            Rows.removeIf(
                t.refreshTokens, r -> userId.equals(r.userId()) && r.clientId().equals(clientId)));
  }

  @Override
  public int deleteExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return state.call(t -> Rows.removeIf(t.refreshTokens, r -> r.expiresAt().isBefore(now)));
  }

  @Override
  public int deleteForUser(String userId) {
    Objects.requireNonNull(userId, "userId");
    return state.call(t -> Rows.removeIf(t.refreshTokens, r -> userId.equals(r.userId())));
  }
}

package io.pocketid.core.store.memory;

import io.pocketid.core.model.SignupToken;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.SignupTokenStore;
import io.pocketid.core.store.Sort;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class MemorySignupTokenStore implements SignupTokenStore {
  /** Default order (undocumented in the SPI): newest first. */
  private static final Paging<SignupToken> PAGING =
      new Paging<>(
          Map.of(
              "createdAt", Paging.natural(SignupToken::createdAt),
              "expiresAt", Paging.natural(SignupToken::expiresAt),
              "usageLimit", Paging.natural(SignupToken::usageLimit),
              "usageCount", Paging.natural(SignupToken::usageCount)),
          Sort.desc("createdAt"),
          List.of(),
          Comparator.comparing(SignupToken::id));

  private final MemoryState state;

  MemorySignupTokenStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void save(SignupToken token) {
    Objects.requireNonNull(token, "token");
    state.run(
        t -> {
          if (t.signupTokens.containsKey(token.id())) {
            throw new DuplicateKeyException("signup token", "id", token.id());
          }
          if (findHash(t, token.tokenHash()).isPresent()) {
            throw new DuplicateKeyException("signup token", "tokenHash", token.tokenHash());
          }
          t.signupTokens.put(token.id(), token);
        });
  }

  private static Optional<SignupToken> findHash(Tables t, String tokenHash) {
    return t.signupTokens.values().stream()
        .filter(s -> s.tokenHash().equals(tokenHash))
        .findFirst();
  }

  @Override
  public Optional<SignupToken> findByHash(String tokenHash) {
    Objects.requireNonNull(tokenHash, "tokenHash");
    return state.call(t -> findHash(t, tokenHash));
  }

  @Override
  public Optional<SignupToken> use(String tokenHash, Instant now) {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(now, "now");
    return state.call(
        t ->
            findHash(t, tokenHash)
                .filter(s -> !s.expiresAt().isBefore(now) && s.usageCount() < s.usageLimit())
                .map(
                    s -> {
                      SignupToken used =
                          new SignupToken(
                              s.id(),
                              s.tokenHash(),
                              s.createdAt(),
                              s.expiresAt(),
                              s.usageLimit(),
                              s.usageCount() + 1);
                      t.signupTokens.put(s.id(), used);
                      return used;
                    }));
  }

  @Override
  public Page<SignupToken> list(PageRequest request) {
    Objects.requireNonNull(request, "request");
    return state.call(t -> PAGING.page(t.signupTokens.values(), request));
  }

  @Override
  public boolean delete(String id) {
    Objects.requireNonNull(id, "id");
    return state.call(t -> t.signupTokens.remove(id) != null);
  }

  @Override
  public int deleteExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return state.call(t -> Rows.removeIf(t.signupTokens, s -> s.expiresAt().isBefore(now)));
  }
}

package io.pocketid.core.store.memory;

import io.pocketid.core.model.WebauthnChallenge;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.WebauthnChallengeStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

final class MemoryWebauthnChallengeStore implements WebauthnChallengeStore {
  private final MemoryState state;

  MemoryWebauthnChallengeStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void save(WebauthnChallenge challenge) {
    Objects.requireNonNull(challenge, "challenge");
    state.run(
        t -> {
          if (t.challenges.containsKey(challenge.id())) {
            throw new DuplicateKeyException("webauthn challenge", "id", challenge.id());
          }
          if (t.challenges.values().stream()
              .anyMatch(c -> c.challenge().equals(challenge.challenge()))) {
            throw new DuplicateKeyException(
                "webauthn challenge", "challenge", challenge.challenge());
          }
          t.challenges.put(challenge.id(), challenge);
        });
  }

  @Override
  public Optional<WebauthnChallenge> consume(String id, Instant now) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(now, "now");
    return state.call(
        t ->
            Optional.ofNullable(t.challenges.remove(id)).filter(c -> !c.expiresAt().isBefore(now)));
  }

  @Override
  public int deleteExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return state.call(t -> Rows.removeIf(t.challenges, c -> c.expiresAt().isBefore(now)));
  }
}

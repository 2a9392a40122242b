package io.pocketid.core.store.memory;

import io.pocketid.core.model.Consent;
import io.pocketid.core.store.ConsentStore;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class MemoryConsentStore implements ConsentStore {
  private static final Paging<Consent> PAGING =
      new Paging<>(
          Map.of(
              "lastUsedAt", Paging.natural(Consent::lastUsedAt),
              "clientId", Paging.natural(Consent::clientId)),
          Sort.desc("lastUsedAt"),
          List.of(),
          Comparator.comparing(Consent::clientId));

  private final MemoryState state;

  MemoryConsentStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void upsert(Consent consent) {
    Objects.requireNonNull(consent, "consent");
    state.run(
        t -> {
          if (!t.users.containsKey(consent.userId())) {
            throw new NotFoundException("user", consent.userId());
          }
          if (!t.clients.containsKey(consent.clientId())) {
            throw new NotFoundException("client", consent.clientId());
          }
          t.consents.put(new Tables.ConsentKey(consent.userId(), consent.clientId()), consent);
        });
  }

  @Override
  public Optional<Consent> find(String userId, String clientId) {
    Tables.ConsentKey key =
        new Tables.ConsentKey(
            Objects.requireNonNull(userId, "userId"), Objects.requireNonNull(clientId, "clientId"));
    return state.call(t -> Optional.ofNullable(t.consents.get(key)));
  }

  @Override
  public Page<Consent> listForUser(String userId, PageRequest request) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(request, "request");
    return state.call(
        t ->
            PAGING.page(
                t.consents.values().stream().filter(c -> c.userId().equals(userId)).toList(),
                request));
  }

  @Override
  public boolean delete(String userId, String clientId) {
    Tables.ConsentKey key =
        new Tables.ConsentKey(
            Objects.requireNonNull(userId, "userId"), Objects.requireNonNull(clientId, "clientId"));
    return state.call(t -> t.consents.remove(key) != null);
  }
}

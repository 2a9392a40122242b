package io.pocketid.core.store.memory;

import io.pocketid.core.model.ApiKey;
import io.pocketid.core.store.ApiKeyStore;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class MemoryApiKeyStore implements ApiKeyStore {
  /** Default order (undocumented in the SPI): name. */
  private static final Paging<ApiKey> PAGING =
      new Paging<>(
          Map.of(
              "name", Paging.text(ApiKey::name),
              "createdAt", Paging.natural(ApiKey::createdAt),
              "expiresAt", Paging.natural(ApiKey::expiresAt),
              "lastUsedAt", Paging.natural(ApiKey::lastUsedAt)),
          Sort.asc("name"),
          List.of(),
          Comparator.comparing(ApiKey::id));

  private final MemoryState state;

  MemoryApiKeyStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void save(ApiKey key) {
    Objects.requireNonNull(key, "key");
    state.run(
        t -> {
          if (t.apiKeys.containsKey(key.id())) {
            throw new DuplicateKeyException("api key", "id", key.id());
          }
          if (t.apiKeys.values().stream().anyMatch(k -> k.keyHash().equals(key.keyHash()))) {
            throw new DuplicateKeyException("api key", "keyHash", key.keyHash());
          }
          t.apiKeys.put(key.id(), key);
        });
  }

  @Override
  public Optional<ApiKey> findByHash(String keyHash) {
    Objects.requireNonNull(keyHash, "keyHash");
    return state.call(
        t -> t.apiKeys.values().stream().filter(k -> k.keyHash().equals(keyHash)).findFirst());
  }

  @Override
  public void touch(String id, Instant usedAt) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(usedAt, "usedAt");
    state.run(
        t -> t.apiKeys.computeIfPresent(id, (i, k) -> copy(k, usedAt, k.expirationEmailSent())));
  }

  @Override
  public Page<ApiKey> listForUser(String userId, PageRequest request) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(request, "request");
    return state.call(
        t ->
            PAGING.page(
                t.apiKeys.values().stream().filter(k -> k.userId().equals(userId)).toList(),
                request));
  }

  @Override
  public List<ApiKey> expiringWithoutReminder(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return state.call(
        t ->
            t.apiKeys.values().stream()
                .filter(k -> !k.expirationEmailSent())
                .filter(k -> !k.expiresAt().isBefore(from) && k.expiresAt().isBefore(to))
                .sorted(Comparator.comparing(ApiKey::expiresAt).thenComparing(ApiKey::id))
                .toList());
  }

  @Override
  public void markReminderSent(String id) {
    Objects.requireNonNull(id, "id");
    state.run(
        t -> {
          ApiKey k = t.apiKeys.get(id);
          if (k == null) {
            throw new NotFoundException("api key", id);
          }
          t.apiKeys.put(id, copy(k, k.lastUsedAt(), true));
        });
  }

  private static ApiKey copy(ApiKey k, Instant lastUsedAt, boolean reminderSent) {
    return new ApiKey(
        k.id(),
        k.name(),
        k.keyHash(),
        k.description(),
        k.createdAt(),
        k.expiresAt(),
        lastUsedAt,
        k.userId(),
        reminderSent);
  }

  @Override
  public boolean delete(String userId, String id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    return state.call(
        t -> {
          ApiKey k = t.apiKeys.get(id);
          return k != null && k.userId().equals(userId) && t.apiKeys.remove(id) != null;
        });
  }
}

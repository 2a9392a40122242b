package io.pocketid.core.store.memory;

import io.pocketid.core.store.KeyValueStore;
import java.util.Objects;
import java.util.Optional;

final class MemoryKeyValueStore implements KeyValueStore {
  private final MemoryState state;

  MemoryKeyValueStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public Optional<String> get(String key) {
    Objects.requireNonNull(key, "key");
    return state.call(t -> Optional.ofNullable(t.keyValues.get(key)));
  }

  @Override
  public void put(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    state.run(t -> t.keyValues.put(key, value));
  }

  @Override
  public String putIfAbsent(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return state.call(
        t -> {
          String existing = t.keyValues.putIfAbsent(key, value);
          return existing == null ? value : existing;
        });
  }

  @Override
  public boolean replace(String key, String expected, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(value, "value");
    return state.call(t -> t.keyValues.replace(key, expected, value));
  }
}

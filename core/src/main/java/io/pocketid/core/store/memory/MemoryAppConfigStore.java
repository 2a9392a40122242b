package io.pocketid.core.store.memory;

import io.pocketid.core.store.AppConfigStore;
import java.util.Map;
import java.util.Objects;

final class MemoryAppConfigStore implements AppConfigStore {
  private final MemoryState state;

  MemoryAppConfigStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public Map<String, String> loadAll() {
    return state.call(t -> Map.copyOf(t.appConfig));
  }

  @Override
  public void saveAll(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(Objects.requireNonNull(values, "values"));
    state.run(t -> t.appConfig.putAll(copy));
  }

  @Override
  public boolean delete(String key) {
    Objects.requireNonNull(key, "key");
    return state.call(t -> t.appConfig.remove(key) != null);
  }
}

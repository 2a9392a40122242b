package io.pocketid.core.store.memory;

import io.pocketid.core.model.StoredImage;
import io.pocketid.core.store.ImageStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class MemoryImageStore implements ImageStore {
  private final MemoryState state;

  MemoryImageStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public Optional<StoredImage> find(String key) {
    Objects.requireNonNull(key, "key");
    return state.call(t -> Optional.ofNullable(t.images.get(key)));
  }

  @Override
  public void put(StoredImage image) {
    Objects.requireNonNull(image, "image");
    state.run(t -> t.images.put(image.key(), image));
  }

  @Override
  public boolean delete(String key) {
    Objects.requireNonNull(key, "key");
    return state.call(t -> t.images.remove(key) != null);
  }

  @Override
  public int deleteByPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    return state.call(
        t -> {
          List<String> keys = t.images.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
          keys.forEach(t.images::remove);
          return keys.size();
        });
  }

  @Override
  public List<String> keys(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    return state.call(
        t -> t.images.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList());
  }
}

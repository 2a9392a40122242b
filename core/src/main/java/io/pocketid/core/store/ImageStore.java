package io.pocketid.core.store;

import io.pocketid.core.model.StoredImage;
import java.util.List;
import java.util.Optional;

/**
 * Encoded images by key (profile pictures, application images, client logos). Keys are path-like
 * ({@code profile-picture/<user id>}), so that one prefix names a group of images.
 */
public interface ImageStore {
  Optional<StoredImage> find(String key);

  /** Stores the image, replacing the one stored under the same key (if any). */
  void put(StoredImage image);

  /**
   * Deletes the image stored under the key.
   *
   * @return whether there was one
   */
  boolean delete(String key);

  /**
   * Deletes every image whose key starts with {@code prefix} (taken literally, no wildcards).
   *
   * @return how many were deleted
   */
  int deleteByPrefix(String prefix);

  /** The keys that start with {@code prefix} (taken literally), in ascending order. */
  List<String> keys(String prefix);
}

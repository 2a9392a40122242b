package io.pocketid.core.model;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * An image kept by the {@link io.pocketid.core.store.ImageStore}: encoded bytes (already decoded
 * and re-encoded, so nothing but pixels) under a key such as {@code profile-picture/<user id>}. The
 * byte array is copied in and out, so a stored image cannot be changed from outside.
 *
 * @param key the unique key (a path-like name)
 * @param contentType the media type of {@code data}, e.g. {@code image/png}
 * @param data the encoded image
 * @param updatedAt when the image was stored
 */
public record StoredImage(String key, String contentType, byte[] data, Instant updatedAt) {
  public StoredImage {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(contentType, "contentType");
    data = Objects.requireNonNull(data, "data").clone();
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** A copy of the encoded image. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The size of the encoded image in bytes (without copying it). */
  public int size() {
    return data.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredImage s
        && key.equals(s.key)
        && contentType.equals(s.contentType)
        && Arrays.equals(data, s.data)
        && updatedAt.equals(s.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, contentType, Arrays.hashCode(data), updatedAt);
  }

  @Override
  public String toString() {
    return "StoredImage[key="
        + key
        + ", contentType="
        + contentType
        + ", size="
        + data.length
        + ", updatedAt="
        + updatedAt
        + "]";
  }
}

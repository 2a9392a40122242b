package io.pocketid.server.config;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Signing-key storage.
 *
 * <p>The encryption key is a secret: it is never part of {@link #toString()}.
 */
public final class KeySettings {
  private final KeysStorage storage;
  private final byte[] encryptionKey;

  /**
   * @param storage {@code KEYS_STORAGE}
   * @param encryptionKey {@code ENCRYPTION_KEY} as raw bytes, nullable
   * @throws IllegalArgumentException when {@code storage} is DATABASE without a key
   */
  public KeySettings(KeysStorage storage, byte[] encryptionKey) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.encryptionKey = encryptionKey == null ? null : encryptionKey.clone();
    if (storage == KeysStorage.DATABASE && (encryptionKey == null || encryptionKey.length == 0)) {
      throw new IllegalArgumentException("KEYS_STORAGE=database requires an encryption key");
    }
  }

  public KeysStorage storage() {
    return storage;
  }

  /** A copy of the key bytes, when one is configured. */
  public Optional<byte[]> encryptionKey() {
    return Optional.ofNullable(encryptionKey).map(byte[]::clone);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeySettings other
        && storage == other.storage
        && Arrays.equals(encryptionKey, other.encryptionKey);
  }

  @Override
  public int hashCode() {
    return 31 * storage.hashCode() + Arrays.hashCode(encryptionKey);
  }

  @Override
  public String toString() {
    return "KeySettings[storage="
        + storage
        + ", encryptionKey="
        + (encryptionKey == null ? "none" : "***")
        + "]";
  }
}

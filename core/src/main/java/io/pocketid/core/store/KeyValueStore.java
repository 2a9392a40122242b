package io.pocketid.core.store;

import java.util.Optional;

/** Small internal values (Pocket ID: {@code kv}), such as the instance id. */
public interface KeyValueStore {
  Optional<String> get(String key);

  void put(String key, String value);

  /**
   * Stores the value only if the key is absent.
   *
   * @return the value now stored (the given one, or the one that was already there)
   */
  String putIfAbsent(String key, String value);

  /**
   * Replaces the value only if it is {@code expected} now, atomically (also across instances on one
   * database): a compare-and-set, for leases.
   *
   * @return whether the value was replaced
   */
  boolean replace(String key, String expected, String value);
}

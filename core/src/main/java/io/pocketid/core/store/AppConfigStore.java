package io.pocketid.core.store;

import java.util.Map;

/**
 * Application configuration as explicitly saved key/value pairs (Pocket ID: app_config_variables).
 */
public interface AppConfigStore {
  /** All saved values (unmodifiable). */
  Map<String, String> loadAll();

  /** Inserts or replaces the given keys in one atomic step; other keys are left alone. */
  void saveAll(Map<String, String> values);

  /**
   * @return whether a key was deleted
   */
  boolean delete(String key);
}

package io.pocketid.core.store.memory;

import java.util.Map;
import java.util.function.Predicate;

/** Helpers for expiry: a row expires strictly after its {@code expiresAt}. */
final class Expiry {
  private Expiry() {}

  /** Removes the values matching {@code expired}; @return how many. */
  static <K, V> int removeIf(Map<K, V> table, Predicate<V> expired) {
    int before = table.size();
    table.values().removeIf(expired);
    return before - table.size();
  }
}

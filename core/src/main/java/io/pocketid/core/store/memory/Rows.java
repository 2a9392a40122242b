package io.pocketid.core.store.memory;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Row helpers. Expiry everywhere in this package: a row is expired at {@code now} when its {@code
 * expiresAt} is before {@code now}; at exactly {@code expiresAt} it is still valid.
 */
final class Rows {
  private Rows() {}

  /** Removes the values matching {@code expired}; @return how many. */
  static <K, V> int removeIf(Map<K, V> table, Predicate<V> expired) {
    int before = table.size();
    table.values().removeIf(expired);
    return before - table.size();
  }
}

package io.pocketid.core.store;

import java.util.Objects;

/**
 * A sort order for list queries.
 *
 * @param column a camelCase field name the store documents as sortable
 * @param ascending direction
 */
public record Sort(String column, boolean ascending) {
  public Sort {
    Objects.requireNonNull(column, "column");
  }

  public static Sort asc(String column) {
    return new Sort(column, true);
  }

  public static Sort desc(String column) {
    return new Sort(column, false);
  }
}

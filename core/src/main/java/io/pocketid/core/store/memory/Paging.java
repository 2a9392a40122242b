package io.pocketid.core.store.memory;

import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Search, sort and pagination over rows in memory, the way the SQL backends do it: search is a
 * case-insensitive substring match over the documented fields, text sorts ignore case, nulls sort
 * last ascending and first descending, ties are broken by a stable key.
 */
final class Paging<T> {
  private final Map<String, Comparator<T>> sortable;
  private final Sort defaultSort;
  private final List<Function<T, String>> searchFields;
  private final Comparator<T> tieBreak;

  /**
   * @param sortable the documented sortable columns and how each compares
   * @param defaultSort the store's default order
   * @param searchFields the fields a search matches (nullable values)
   * @param tieBreak a total order for rows that compare equal
   */
  Paging(
      Map<String, Comparator<T>> sortable,
      Sort defaultSort,
      List<Function<T, String>> searchFields,
      Comparator<T> tieBreak) {
    this.sortable = Map.copyOf(sortable);
    this.defaultSort = defaultSort;
    this.searchFields = List.copyOf(searchFields);
    this.tieBreak = tieBreak;
  }

  /** Compares a nullable text field ignoring case. */
  static <T> Comparator<T> text(Function<T, String> field) {
    return Comparator.comparing(
        field, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER.thenComparing(c -> c)));
  }

  /** Compares a nullable comparable field. */
  static <T, U extends Comparable<? super U>> Comparator<T> natural(Function<T, U> field) {
    return Comparator.comparing(field, Comparator.nullsLast(Comparator.naturalOrder()));
  }

  /** Searches, sorts and cuts one page out of {@code rows}. */
  Page<T> page(Collection<T> rows, PageRequest request) {
    Objects.requireNonNull(request, "request");
    Comparator<T> order = comparator(request.sortOrder().orElse(defaultSort));
    List<T> matching =
        rows.stream().filter(row -> matches(row, request.search())).sorted(order).toList();
    List<T> items = matching.stream().skip(request.offset()).limit(request.size()).toList();
    return new Page<>(items, matching.size(), request.page(), request.size());
  }

  private Comparator<T> comparator(Sort sort) {
    Comparator<T> column = sortable.get(sort.column());
    if (column == null) {
      throw new IllegalArgumentException(
          "cannot sort by '" + sort.column() + "'; sortable: " + sortable.keySet());
    }
    // nulls last ascending, first descending (PostgreSQL's default)
    return (sort.ascending() ? column : column.reversed()).thenComparing(tieBreak);
  }

  private boolean matches(T row, String search) {
    if (search == null || searchFields.isEmpty()) {
      return true;
    }
    String needle = search.toLowerCase(Locale.ROOT);
    for (Function<T, String> field : searchFields) {
      String value = field.apply(row);
      if (value != null && value.toLowerCase(Locale.ROOT).contains(needle)) {
        return true;
      }
    }
    return false;
  }
}

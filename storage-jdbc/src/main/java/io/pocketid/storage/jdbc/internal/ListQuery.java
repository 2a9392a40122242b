package io.pocketid.storage.jdbc.internal;

import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import io.pocketid.storage.jdbc.Dialect;
import java.util.Locale;
import java.util.Map;

/**
 * A page request turned into SQL pieces: a whitelisted ORDER BY, a LIKE pattern and the window.
 * Text sorts ignoring (ASCII) case, then by code point, on both dialects (PostgreSQL {@code COLLATE
 * "C"}).
 */
public final class ListQuery {
  /** A sortable field: its column and whether it holds text. */
  record Column(String sql, boolean text) {
    static Column text(String sql) {
      return new Column(sql, true);
    }

    static Column plain(String sql) {
      return new Column(sql, false);
    }
  }

  private final String orderBy;
  private final String pattern;
  private final long offset;
  private final int limit;

  private ListQuery(String orderBy, String pattern, long offset, int limit) {
    this.orderBy = orderBy;
    this.pattern = pattern;
    this.offset = offset;
    this.limit = limit;
  }

  /**
   * @param sortable camelCase field → column
   * @param defaultSort used when the request has no sort
   * @param tieBreak unique column appended so that pages never overlap
   */
  static ListQuery of(
      Dialect dialect,
      PageRequest request,
      Map<String, Column> sortable,
      Sort defaultSort,
      String tieBreak) {
    Sort sort = request.sortOrder().orElse(defaultSort);
    Column column = sortable.get(sort.column());
    if (column == null) {
      throw new IllegalArgumentException(
          "cannot sort by '" + sort.column() + "'; sortable: " + sortable.keySet());
    }
    // Like the in-memory store: text ignoring case, then by code point; nulls last ascending and
    // first descending; ties broken by a unique column, ascending.
    String dir = sort.ascending() ? " ASC NULLS LAST" : " DESC NULLS FIRST";
    String collate = dialect == Dialect.POSTGRES ? " COLLATE \"C\"" : "";
    String orderBy =
        column.text()
            ? "lower(" + column.sql() + ")" + collate + dir + ", " + column.sql() + collate + dir
            : column.sql() + dir;
    orderBy += ", " + tieBreak + collate + " ASC";
    String pattern =
        request
            .searchText()
            .map(s -> "%" + escapeLike(s.toLowerCase(Locale.ROOT)) + "%")
            .orElse(null);
    return new ListQuery(orderBy, pattern, request.offset(), request.size());
  }

  private static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  public String getOrderBy() {
    return orderBy;
  }

  public String getPattern() {
    return pattern;
  }

  public long getOffset() {
    return offset;
  }

  public int getLimit() {
    return limit;
  }
}

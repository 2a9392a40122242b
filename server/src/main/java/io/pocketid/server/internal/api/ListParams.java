package io.pocketid.server.internal.api;

import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import io.pocketid.server.internal.http.BadRequestException;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.Set;

/**
 * Pocket ID's list parameters: {@code pagination[page]} (default 1), {@code pagination[limit]}
 * (default 20, at most 100), {@code sort[column]} (only the sortable columns; others are ignored),
 * {@code sort[direction]} ({@code asc}|{@code desc}) and {@code search}.
 */
final class ListParams {
  static final int DEFAULT_LIMIT = 20;

  private ListParams() {}

  static PageRequest pageRequest(HttpServerExchange exchange, Set<String> sortable) {
    int page = Math.max(1, intQuery(exchange, "pagination[page]", 1));
    int limit =
        Math.min(
            PageRequest.MAX_SIZE,
            Math.max(1, intQuery(exchange, "pagination[limit]", DEFAULT_LIMIT)));
    PageRequest request = PageRequest.of(page, limit).withSearch(query(exchange, "search"));
    String column = query(exchange, "sort[column]");
    if (column != null && sortable.contains(column)) {
      request =
          request.withSort(
              new Sort(column, !"desc".equalsIgnoreCase(query(exchange, "sort[direction]"))));
    }
    return request;
  }

  /** A query parameter; null when absent or blank. */
  static String query(HttpServerExchange exchange, String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    String value = values == null || values.isEmpty() ? null : values.getFirst();
    return value == null || value.isBlank() ? null : value;
  }

  /**
   * A {@code true}|{@code false} filter; null when absent.
   *
   * @throws BadRequestException naming the parameter for any other value
   */
  static Boolean bool(HttpServerExchange exchange, String name) {
    String value = query(exchange, name);
    if (value == null) {
      return null;
    }
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new BadRequestException(name + " must be true or false");
    };
  }

  private static int intQuery(HttpServerExchange exchange, String name, int fallback) {
    String value = query(exchange, name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}

package io.pocketid.core.store;

import java.util.List;

/**
 * One page of a list, with the totals Pocket ID's pagination object reports.
 *
 * @param items the items on this page (unmodifiable)
 * @param totalItems items over all pages
 * @param currentPage the 1-based page number that was asked for
 * @param itemsPerPage page size
 */
public record Page<T>(List<T> items, long totalItems, int currentPage, int itemsPerPage) {
  public Page {
    items = List.copyOf(items);
  }

  /** Total pages, at least 1 (Pocket ID reports 1 for an empty list). */
  public int totalPages() {
    return (int) Math.max(1, (totalItems + itemsPerPage - 1) / itemsPerPage);
  }
}

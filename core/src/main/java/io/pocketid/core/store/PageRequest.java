package io.pocketid.core.store;

import java.util.Optional;

/**
 * Which page of a list to read, Pocket ID style: pages start at 1, sizes 1..100.
 *
 * @param page 1-based page number
 * @param size items per page, 1..100
 * @param sort nullable: store default order
 * @param search nullable: case-insensitive substring over the fields a store documents
 */
public record PageRequest(int page, int size, Sort sort, String search) {
  public static final int MAX_SIZE = 100;

  public PageRequest {
    if (page < 1) {
      throw new IllegalArgumentException("page must be at least 1, was " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be 1.." + MAX_SIZE + ", was " + size);
    }
    if (search != null && search.isBlank()) {
      search = null;
    }
  }

  public static PageRequest of(int page, int size) {
    return new PageRequest(page, size, null, null);
  }

  public PageRequest withSort(Sort newSort) {
    return new PageRequest(page, size, newSort, search);
  }

  public PageRequest withSearch(String newSearch) {
    return new PageRequest(page, size, sort, newSearch);
  }

  public Optional<Sort> sortOrder() {
    return Optional.ofNullable(sort);
  }

  public Optional<String> searchText() {
    return Optional.ofNullable(search);
  }

  /** Zero-based offset of the first item. */
  public long offset() {
    return (long) (page - 1) * size;
  }
}

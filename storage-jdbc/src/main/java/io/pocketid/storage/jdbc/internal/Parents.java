package io.pocketid.storage.jdbc.internal;

import io.pocketid.core.store.NotFoundException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.apache.ibatis.session.SqlSession;

/**
 * Existence checks (and owner locks) made inside a write's transaction before rows that refer to
 * other rows are written, so that a missing parent is reported by name (the foreign keys stay as
 * the backstop).
 */
final class Parents {
  private Parents() {}

  /**
   * Requires the owner of a set that is about to be replaced, and locks it: concurrent replacements
   * of the same set then run one after the other, and one whole set wins.
   */
  static void lockOwner(SqlSession s, String entity, String table, String id) {
    if (s.getMapper(UserMapper.class).lockRow(table, id) == null) {
      throw new NotFoundException(entity, id);
    }
  }

  static void requireAll(SqlSession s, String entity, String table, List<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
    List<String> found = s.getMapper(UserMapper.class).existingIds(table, distinct);
    if (found.size() < distinct.size()) {
      for (String id : distinct) {
        if (!found.contains(id)) {
          throw new NotFoundException(entity, id);
        }
      }
    }
  }

  static List<String> nonNull(List<String> ids, String what) {
    Objects.requireNonNull(ids, what);
    ids.forEach(id -> Objects.requireNonNull(id, what + " element"));
    return ids;
  }
}

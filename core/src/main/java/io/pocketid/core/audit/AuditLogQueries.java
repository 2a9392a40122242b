package io.pocketid.core.audit;

import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.model.User;
import io.pocketid.core.store.AuditLogStore;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.UserStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reading the audit log: a user's own events, and for administrators every event with filters
 * (user, event, client, internal or external location) and the values those filters can take.
 *
 * <p>Unlike Pocket ID v1.15 (§10), the user filter works and "external" means every location that
 * is not an internal network (unknown ones included).
 */
public final class AuditLogQueries {
  private final AuditLogStore log;
  private final UserStore users;

  public AuditLogQueries(AuditLogStore log, UserStore users) {
    this.log = Objects.requireNonNull(log, "log");
    this.users = Objects.requireNonNull(users, "users");
  }

  /** An event and the username of its user (empty when none or deleted). */
  public record Entry(AuditEvent event, String username) {}

  /** The user's own events, newest first by default. */
  public Page<Entry> own(String userId, PageRequest request) {
    return withUsernames(log.list(userId, request));
  }

  /** Every event matching the filter. */
  public Page<Entry> all(AuditLogStore.Filter filter, PageRequest request) {
    return withUsernames(log.search(filter, request));
  }

  /** The client names that events mention, sorted. */
  public List<String> clientNames() {
    return log.clientNames();
  }

  /** Id → username of the users who have events (users since deleted are left out). */
  public Map<String, String> users() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String id : log.userIds()) {
      users.findById(id).ifPresent(u -> out.put(id, u.username()));
    }
    return out;
  }

  private Page<Entry> withUsernames(Page<AuditEvent> page) {
    Map<String, String> names = new HashMap<>();
    List<Entry> items =
        page.items().stream()
            .map(
                e ->
                    new Entry(
                        e,
                        e.userId() == null
                            ? ""
                            : names.computeIfAbsent(
                                e.userId(),
                                id -> users.findById(id).map(User::username).orElse(""))))
            .toList();
    return new Page<>(items, page.totalItems(), page.currentPage(), page.itemsPerPage());
  }
}

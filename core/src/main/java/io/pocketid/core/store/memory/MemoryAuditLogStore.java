package io.pocketid.core.store.memory;

import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.store.AuditLogStore;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

final class MemoryAuditLogStore implements AuditLogStore {
  private static final Paging<AuditEvent> PAGING =
      new Paging<>(
          Map.of(
              "createdAt", Paging.natural(AuditEvent::createdAt),
              "event", Paging.text(AuditEvent::event)),
          Sort.desc("createdAt"),
          List.of(
              AuditEvent::event,
              AuditEvent::ipAddress,
              AuditEvent::userAgent,
              AuditEvent::country,
              AuditEvent::city),
          Comparator.comparing(AuditEvent::id));

  private final MemoryState state;

  MemoryAuditLogStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void append(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    state.run(
        t -> {
          if (t.auditEvents.containsKey(event.id())) {
            throw new DuplicateKeyException("audit event", "id", event.id());
          }
          t.auditEvents.put(event.id(), event);
        });
  }

  @Override
  public Page<AuditEvent> list(String userId, PageRequest request) {
    Objects.requireNonNull(request, "request");
    return state.call(
        t ->
            PAGING.page(
                t.auditEvents.values().stream()
                    .filter(e -> userId == null || userId.equals(e.userId()))
                    .toList(),
                request));
  }

  @Override
  public int deleteOlderThan(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return state.call(t -> Rows.removeIf(t.auditEvents, e -> e.createdAt().isBefore(cutoff)));
  }

  @Override
  public Page<AuditEvent> search(Filter filter, PageRequest request) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(request, "request");
    return state.call(
        t ->
            PAGING.page(
                t.auditEvents.values().stream().filter(e -> matches(filter, e)).toList(), request));
  }

  private static boolean matches(Filter filter, AuditEvent e) {
    return (filter.userId() == null || filter.userId().equals(e.userId()))
        && (filter.event() == null || filter.event().equals(e.event()))
        && (filter.clientName() == null || filter.clientName().equals(e.data().get("clientName")))
        && (filter.location() == null
            || (filter.location() == Location.INTERNAL) == INTERNAL_NETWORK.equals(e.country()));
  }

  @Override
  public List<String> clientNames() {
    return state.call(
        t ->
            t.auditEvents.values().stream()
                .map(e -> e.data().get("clientName"))
                .filter(Objects::nonNull)
                .distinct()
                .sorted()
                .toList());
  }

  @Override
  public List<String> userIds() {
    return state.call(
        t ->
            t.auditEvents.values().stream()
                .map(AuditEvent::userId)
                .filter(Objects::nonNull)
                .distinct()
                .sorted()
                .toList());
  }
}

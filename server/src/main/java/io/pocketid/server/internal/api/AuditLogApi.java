package io.pocketid.server.internal.api;

import io.pocketid.core.audit.AuditLogQueries;
import io.pocketid.core.audit.DeviceNames;
import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.store.AuditLogStore;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.BadRequestException;
import io.pocketid.server.internal.http.Responses;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The audit log at Pocket ID's paths under {@code /api/audit-logs}. */
public final class AuditLogApi {
  private static final Set<String> SORTABLE = Set.of("createdAt", "event");

  private final Access access;
  private final AuditLogQueries audit;

  public AuditLogApi(Access access, AuditLogQueries audit) {
    this.access = access;
    this.audit = audit;
  }

  /** {@code GET /api/audit-logs}: the caller's own events. */
  public void own(HttpServerExchange exchange) {
    Principal principal = access.requireUser(exchange);
    write(exchange, audit.own(principal.user().id(), ListParams.pageRequest(exchange, SORTABLE)));
  }

  /**
   * {@code GET /api/audit-logs/all}: admin; {@code filters[userId]}, {@code filters[event]}, {@code
   * filters[clientName]}, {@code filters[location]} ({@code internal}|{@code external}).
   */
  public void all(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    String location = ListParams.query(exchange, "filters[location]");
    AuditLogStore.Location where = null;
    if (location != null) {
      where =
          switch (location.toLowerCase(Locale.ROOT)) {
            case "internal" -> AuditLogStore.Location.INTERNAL;
            case "external" -> AuditLogStore.Location.EXTERNAL;
            default ->
                throw new BadRequestException("Location must be \"internal\" or \"external\"");
          };
    }
    AuditLogStore.Filter filter =
        new AuditLogStore.Filter(
            ListParams.query(exchange, "filters[userId]"),
            ListParams.query(exchange, "filters[event]"),
            ListParams.query(exchange, "filters[clientName]"),
            where);
    write(exchange, audit.all(filter, ListParams.pageRequest(exchange, SORTABLE)));
  }

  /** {@code GET /api/audit-logs/filters/client-names}: admin. */
  public void clientNames(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    Responses.write(exchange, StatusCodes.OK, audit.clientNames());
  }

  /** {@code GET /api/audit-logs/filters/users}: admin; id → username. */
  public void users(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    Responses.write(exchange, StatusCodes.OK, audit.users());
  }

  private static void write(
      HttpServerExchange exchange, io.pocketid.core.store.Page<AuditLogQueries.Entry> page) {
    Responses.write(
        exchange,
        StatusCodes.OK,
        Dtos.page(page, page.items().stream().map(AuditLogApi::dto).toList()));
  }

  private static Map<String, Object> dto(AuditLogQueries.Entry entry) {
    AuditEvent e = entry.event();
    Map<String, Object> dto = new LinkedHashMap<>();
    dto.put("id", e.id());
    dto.put("createdAt", e.createdAt());
    dto.put("event", e.event());
    dto.put("ipAddress", e.ipAddress());
    dto.put("country", e.country());
    dto.put("city", e.city());
    dto.put("device", DeviceNames.describe(e.userAgent()));
    dto.put("userID", e.userId());
    dto.put("username", entry.username());
    dto.put("data", e.data());
    return dto;
  }
}

package io.pocketid.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An audit log entry (Pocket ID: {@code audit_logs}).
 *
 * @param id UUID
 * @param createdAt when it happened
 * @param event event name, e.g. {@code SIGN_IN}
 * @param ipAddress client IP, nullable
 * @param userAgent nullable
 * @param userId the user concerned, nullable
 * @param country nullable
 * @param city nullable
 * @param data extra string fields such as {@code clientName}
 */
public record AuditEvent(
    String id,
    Instant createdAt,
    String event,
    String ipAddress,
    String userAgent,
    String userId,
    String country,
    String city,
    Map<String, String> data) {
  public AuditEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(event, "event");
    data = Map.copyOf(data);
  }
}

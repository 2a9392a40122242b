package io.pocketid.core.store;

import io.pocketid.core.model.AuditEvent;
import java.time.Instant;

/** The audit log: append, read pages, expire. */
public interface AuditLogStore {
  void append(AuditEvent event);

  /**
   * Audit events, newest first by default, optionally for one user only.
   *
   * @param userId nullable: all users
   * @param request search matches event, IP, user agent, country, city; sortable: {@code
   *     createdAt}, {@code event}
   */
  Page<AuditEvent> list(String userId, PageRequest request);

  /**
   * @return how many events before {@code cutoff} were deleted
   */
  int deleteOlderThan(Instant cutoff);
}

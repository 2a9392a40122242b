package io.pocketid.core.store;

import io.pocketid.core.model.AuditEvent;
import java.time.Instant;
import java.util.List;

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

  /** The {@code country} of events from internal addresses (private, loopback, CGNAT). */
  String INTERNAL_NETWORK = "Internal Network";

  /** Where an event came from, by its location. */
  enum Location {
    /** {@code country} is {@value #INTERNAL_NETWORK}. */
    INTERNAL,
    /** Anything else, unknown locations included. */
    EXTERNAL
  }

  /**
   * Filters for {@link #search}; each nullable field means "any".
   *
   * @param userId events of this user
   * @param event events of this name
   * @param clientName events whose {@code data.clientName} is this
   * @param location internal or external
   */
  record Filter(String userId, String event, String clientName, Location location) {
    public static final Filter NONE = new Filter(null, null, null, null);
  }

  /**
   * Audit events matching every filter given, sorted and searched as {@link #list(String,
   * PageRequest)}.
   */
  Page<AuditEvent> search(Filter filter, PageRequest request);

  /** The distinct {@code data.clientName} values, sorted. */
  List<String> clientNames();

  /** The distinct ids of users who have events, sorted. */
  List<String> userIds();
}

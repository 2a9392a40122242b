package io.pocketid.core.audit;

import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.store.AuditLogStore;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes audit events with the request's IP, user agent and location. */
public final class AuditService {
  private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);
  private static final int MAX_USER_AGENT = 512;

  private final AuditLogStore log;
  private final Clock clock;
  private final GeoLocator geo;

  public AuditService(AuditLogStore log, Clock clock, GeoLocator geo) {
    this.log = Objects.requireNonNull(log, "log");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.geo = Objects.requireNonNull(geo, "geo");
  }

  /**
   * Records an event. Never throws: an audit failure must not abort the request.
   *
   * @param userId the user concerned, nullable
   * @param data extra fields such as {@code clientName}; values must not be secrets
   */
  public void record(String event, String userId, RequestOrigin origin, Map<String, String> data) {
    try {
      GeoLocator.Location location = locate(origin.ipAddress());
      String userAgent = origin.userAgent();
      if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
        userAgent = userAgent.substring(0, MAX_USER_AGENT);
      }
      log.append(
          new AuditEvent(
              UUID.randomUUID().toString(),
              clock.instant().truncatedTo(ChronoUnit.MILLIS),
              event,
              origin.ipAddress(),
              userAgent,
              userId,
              location.country(),
              location.city(),
              data));
    } catch (RuntimeException e) {
      LOG.warn("Could not write audit event {} for user {}: {}", event, userId, e.toString());
    }
  }

  private GeoLocator.Location locate(String ipAddress) {
    if (ipAddress == null) {
      return GeoLocator.Location.UNKNOWN;
    }
    try {
      return geo.locate(ipAddress);
    } catch (RuntimeException e) {
      LOG.debug("Geolocation of an audit event failed: {}", e.toString());
      return GeoLocator.Location.UNKNOWN;
    }
  }

  /** Records an event without extra data. */
  public void record(String event, String userId, RequestOrigin origin) {
    record(event, userId, origin, Map.of());
  }
}

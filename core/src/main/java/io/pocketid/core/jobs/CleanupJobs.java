package io.pocketid.core.jobs;

import io.pocketid.core.store.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * The jobs that keep the database small: expired rows go every hour, audit entries older than the
 * retention once a day (Pocket ID keeps 90 days).
 */
public final class CleanupJobs {
  /** Pocket ID's audit-log retention. */
  public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(90);

  private CleanupJobs() {}

  /**
   * @param auditRetention audit entries older than this are deleted
   */
  public static List<Job> of(Storage storage, Duration auditRetention) {
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(auditRetention, "auditRetention");
    Map<String, ToIntFunction<Instant>> expiring = new LinkedHashMap<>();
    expiring.put("webauthn challenges", now -> storage.webauthnChallenges().deleteExpired(now));
    expiring.put("login codes", now -> storage.loginCodes().deleteExpired(now));
    expiring.put("signup tokens", now -> storage.signupTokens().deleteExpired(now));
    expiring.put("authorization codes", now -> storage.authorizationCodes().deleteExpired(now));
    expiring.put("used-code marks", now -> storage.usedCodes().deleteExpired(now));
    expiring.put("revoked-grant marks", now -> storage.revokedGrants().deleteExpired(now));
    expiring.put("device codes", now -> storage.deviceCodes().deleteExpired(now));
    expiring.put("refresh tokens", now -> storage.refreshTokens().deleteExpired(now));
    expiring.put(
        "reauthentication tokens", now -> storage.reauthenticationTokens().deleteExpired(now));
    expiring.put("sessions", now -> storage.sessions().deleteExpired(now));
    return List.of(
        new Job(
            "delete-expired",
            Duration.ofHours(1),
            now -> {
              StringBuilder summary = new StringBuilder("deleted");
              for (Map.Entry<String, ToIntFunction<Instant>> entry : expiring.entrySet()) {
                summary
                    .append(' ')
                    .append(entry.getValue().applyAsInt(now))
                    .append(' ')
                    .append(entry.getKey())
                    .append(',');
              }
              return summary.substring(0, summary.length() - 1);
            }),
        new Job(
            "audit-retention",
            Duration.ofDays(1),
            now ->
                "deleted "
                    + storage.auditLog().deleteOlderThan(now.minus(auditRetention))
                    + " audit entries older than "
                    + auditRetention.toDays()
                    + " days"));
  }
}

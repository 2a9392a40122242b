package io.pocketid.server.config;

import java.util.Objects;

/**
 * @param level {@code LOG_LEVEL} (default info)
 * @param json {@code LOG_JSON}: one JSON object per line instead of text
 * @param auditRetention {@code AUDIT_LOG_RETENTION_DAYS} (Pocket ID v2's name; default 90 days):
 *     audit entries older than this are deleted daily
 */
public record LogSettings(LogLevel level, boolean json, java.time.Duration auditRetention) {
  /** Pocket ID's audit-log retention. */
  public static final java.time.Duration DEFAULT_AUDIT_RETENTION = java.time.Duration.ofDays(90);

  public LogSettings {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(auditRetention, "auditRetention");
    if (auditRetention.isNegative() || auditRetention.isZero()) {
      throw new IllegalArgumentException("auditRetention must be positive");
    }
  }

  public LogSettings(LogLevel level, boolean json) {
    this(level, json, DEFAULT_AUDIT_RETENTION);
  }
}

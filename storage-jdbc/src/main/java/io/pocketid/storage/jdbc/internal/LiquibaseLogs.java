package io.pocketid.storage.jdbc.internal;

import java.util.logging.Level;
import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import org.slf4j.LoggerFactory;

/**
 * Liquibase's log, sent to SLF4J (not to {@code java.util.logging}, whose console handler would
 * print in the embedding application's process). Liquibase's info is routine (each changeset, each
 * lock) and goes to debug; warnings and errors keep their level.
 */
final class LiquibaseLogs extends AbstractLogService {
  @Override
  public int getPriority() {
    return PRIORITY_SPECIALIZED;
  }

  @Override
  @SuppressWarnings("rawtypes") // Liquibase's interface declares the raw type
  public Logger getLog(Class clazz) {
    return new Slf4jLogger(LoggerFactory.getLogger(clazz == null ? "liquibase" : clazz.getName()));
  }

  /** One Liquibase logger over one SLF4J logger. */
  private static final class Slf4jLogger extends AbstractLogger {
    private final org.slf4j.Logger log;

    Slf4jLogger(org.slf4j.Logger log) {
      this.log = log;
    }

    @Override
    public void close() {
      // Nothing to release.
    }

    @Override
    public void log(Level level, String message, Throwable e) {
      int value = level == null ? Level.FINE.intValue() : level.intValue();
      if (value >= Level.SEVERE.intValue()) {
        log.error(message, e);
      } else if (value >= Level.WARNING.intValue()) {
        log.warn(message, e);
      } else if (value >= Level.FINE.intValue()) {
        log.debug(message, e);
      } else {
        log.trace(message, e);
      }
    }
  }
}

package io.pocketid.server.internal.logging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code java.util.logging} records (Liquibase logs there) to SLF4J, so that everything the
 * server prints has one format (text or JSON lines). Installed by the command line only; an
 * embedding application keeps its own JUL set-up.
 */
public final class JulBridge extends Handler {
  // No static state that touches JUL: loading this class must not initialise JUL before
  // installInBackground() has named the configuration class.
  /** Public for JUL, which creates handlers named in its configuration. */
  public JulBridge() {}

  /**
   * Makes JUL install this bridge when it initialises, and initialises it on a background thread.
   * JUL's start-up (configuration file, logger-finder service lookup over the class path) costs a
   * few hundred milliseconds on a cold JVM; this keeps it off the main thread, and whichever thread
   * touches JUL first gets the bridge, so no record escapes in JUL's own format.
   */
  public static void installInBackground() {
    System.setProperty("java.util.logging.config.class", Configuration.class.getName());
    Thread thread = new Thread(LogManager::getLogManager, "pocket-id-jul-init");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Instantiated by JUL's LogManager (via {@code java.util.logging.config.class}) while it
   * initialises; configures JUL through its own properties so the root logger gets this bridge as
   * its only handler.
   */
  public static final class Configuration {
    public Configuration() throws IOException {
      boolean debug =
          "DEBUG".equalsIgnoreCase(System.getProperty(LogbackConfigurator.LEVEL_PROPERTY, "INFO"));
      String properties =
          "handlers="
              + JulBridge.class.getName()
              + "\n.level="
              + (debug ? "FINE" : "INFO")
              + (debug ? "" : "\nliquibase.level=WARNING")
              + "\n";
      LogManager.getLogManager()
          .readConfiguration(
              new ByteArrayInputStream(properties.getBytes(StandardCharsets.ISO_8859_1)));
    }
  }

  @Override
  public void publish(LogRecord record) {
    if (record == null) {
      return;
    }
    String name = record.getLoggerName() == null ? "jul" : record.getLoggerName();
    org.slf4j.Logger logger = LoggerFactory.getLogger(name);
    String message = format(record);
    int level = record.getLevel().intValue();
    if (level >= Level.SEVERE.intValue()) {
      logger.error(message, record.getThrown());
    } else if (level >= Level.WARNING.intValue()) {
      logger.warn(message, record.getThrown());
    } else if (level >= Level.INFO.intValue()) {
      logger.info(message, record.getThrown());
    } else if (level >= Level.FINE.intValue()) {
      logger.debug(message, record.getThrown());
    } else {
      logger.trace(message, record.getThrown());
    }
  }

  private static String format(LogRecord record) {
    String message = record.getMessage();
    Object[] parameters = record.getParameters();
    if (message == null || parameters == null || parameters.length == 0) {
      return message;
    }
    try {
      return MessageFormat.format(message, parameters);
    } catch (IllegalArgumentException e) {
      return message;
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}

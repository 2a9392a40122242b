package io.pocketid.server.internal.logging;

import java.text.MessageFormat;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code java.util.logging} records (Liquibase logs there) to SLF4J, so that everything the
 * server prints has one format (text or JSON lines). Installed by the command line only; an
 * embedding application keeps its own JUL set-up.
 */
public final class JulBridge extends Handler {
  /** Held so that JUL does not forget the level set on it. */
  private static final Logger LIQUIBASE = Logger.getLogger("liquibase");

  private JulBridge() {}

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

  /** Instantiated by JUL's LogManager (via {@code java.util.logging.config.class}). */
  public static final class Configuration {
    public Configuration() {
      boolean debug =
          "DEBUG".equalsIgnoreCase(System.getProperty(LogbackConfigurator.LEVEL_PROPERTY, "INFO"));
      install(debug ? Level.FINE : Level.INFO);
    }
  }

  /**
   * Replaces JUL's console handler with this bridge.
   *
   * @param threshold the lowest JUL level passed on (records below it are dropped cheaply)
   */
  public static void install(Level threshold) {
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    root.setLevel(threshold);
    root.addHandler(new JulBridge());
    if (threshold.intValue() >= Level.INFO.intValue()) {
      // Liquibase reports every step at INFO; below debug only its warnings matter.
      LIQUIBASE.setLevel(Level.WARNING);
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

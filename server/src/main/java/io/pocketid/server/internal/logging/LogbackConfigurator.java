package io.pocketid.server.internal.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Configures logback in code (found through {@code META-INF/services}; no XML to parse at
 * start-up): one console appender on stdout, text or one JSON object per line, at the level given
 * by the system properties {@value #LEVEL_PROPERTY} and {@value #JSON_PROPERTY}, which {@code Main}
 * sets from {@code LOG_LEVEL} and {@code LOG_JSON} before anything logs.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogbackConfigurator extends ContextAwareBase implements Configurator {
  public static final String LEVEL_PROPERTY = "pocketid.log.level";
  public static final String JSON_PROPERTY = "pocketid.log.json";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (hasOwnConfiguration()) {
      // An embedding application brought its own logback configuration: let logback use it.
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    Level level = Level.toLevel(System.getProperty(LEVEL_PROPERTY, "INFO"), Level.INFO);
    boolean json = Boolean.parseBoolean(System.getProperty(JSON_PROPERTY, "false"));

    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("console");
    console.setEncoder(json ? jsonEncoder(context) : textEncoder(context));
    console.start();

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level);
    root.addAppender(console);
    if (level.isGreaterOrEqual(Level.INFO)) {
      // XNIO and Undertow announce their versions at INFO; that is noise here.
      context.getLogger("org.xnio").setLevel(Level.WARN);
      context.getLogger("io.undertow").setLevel(Level.WARN);
      context.getLogger("org.jboss.threads").setLevel(Level.WARN);
      // Pool start/stop and migration chatter: the server logs one line when the database is open.
      context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
      context.getLogger("liquibase").setLevel(Level.WARN);
    }
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static boolean hasOwnConfiguration() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = LogbackConfigurator.class.getClassLoader();
    }
    return System.getProperty("logback.configurationFile") != null
        || loader.getResource("logback-test.xml") != null
        || loader.getResource("logback.xml") != null;
  }

  private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{24} - %msg%n");
    encoder.start();
    return encoder;
  }

  private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    // One readable "formattedMessage" instead of the template plus its arguments.
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    return encoder;
  }
}

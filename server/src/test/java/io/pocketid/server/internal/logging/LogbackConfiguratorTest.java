package io.pocketid.server.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** The programmatic logback set-up, on a fresh context so the JVM's own logging is untouched. */
@ResourceLock(Resources.SYSTEM_OUT)
class LogbackConfiguratorTest {
  private final PrintStream originalOut = System.out;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  @AfterEach
  void restore() {
    System.setOut(originalOut);
    System.clearProperty(LogbackConfigurator.LEVEL_PROPERTY);
    System.clearProperty(LogbackConfigurator.JSON_PROPERTY);
  }

  private LoggerContext configure(String level, String json) {
    System.setProperty(LogbackConfigurator.LEVEL_PROPERTY, level);
    System.setProperty(LogbackConfigurator.JSON_PROPERTY, json);
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    LogbackConfigurator configurator = new LogbackConfigurator();
    configurator.setContext(context);
    configurator.configure(context);
    return context;
  }

  @Test
  void configureWhenJsonThenOneJsonObjectPerLine() {
    LoggerContext context = configure("INFO", "true");

    context.getLogger("test").info("hello {}", "world");
    context.getLogger("test").info("second");
    context.stop();

    String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("{").endsWith("}").contains("\"level\":\"INFO\"");
    assertThat(lines[0]).contains("hello world");
  }

  @Test
  void configureWhenLevelWarnThenInfoDropped() {
    LoggerContext context = configure("WARN", "false");
    assertThat(context.getLogger("ROOT").getLevel()).isEqualTo(Level.WARN);

    context.getLogger("test").info("quiet");
    context.getLogger("test").warn("loud");
    context.stop();

    String text = captured.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("WARN  test - loud").doesNotContain("quiet");
  }
}

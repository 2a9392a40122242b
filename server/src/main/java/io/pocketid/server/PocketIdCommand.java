package io.pocketid.server;

import io.pocketid.server.cli.ExportCommand;
import io.pocketid.server.cli.Healthcheck;
import io.pocketid.server.cli.ImportCommand;
import io.pocketid.server.cli.KeyRotate;
import io.pocketid.server.cli.LoginCodeCommand;
import io.pocketid.server.config.ConfigException;
import io.pocketid.server.config.EnvironmentConfig;
import io.pocketid.server.config.ServerSettings;
import io.pocketid.server.internal.crypto.JcaProviders;
import io.pocketid.server.internal.jmx.OnDemandMBeanServerBuilder;
import io.pocketid.server.internal.logging.JulBridge;
import io.pocketid.server.internal.logging.LogbackConfigurator;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code pocket-id} command line: serve (the default), healthcheck, version,
 * one-time-access-token, key-rotate, export, import.
 */
@Command(
    name = "pocket-id",
    mixinStandardHelpOptions = true,
    versionProvider = PocketIdCommand.VersionText.class,
    description = "A passkey-only OpenID Connect provider. Without a command: serve.")
public final class PocketIdCommand implements Callable<Integer> {
  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  PocketIdCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  /** Parses {@code args} and runs the command; returns its exit code. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    PocketIdCommand root = new PocketIdCommand(env, out, err);
    if (args.length == 0 || (args.length == 1 && args[0].equals("serve"))) {
      // The common case skips picocli's start-up cost (~170 classes and reflection).
      return root.serve();
    }
    CommandLine line = new CommandLine(root);
    line.addSubcommand("serve", root.new Serve());
    line.addSubcommand("healthcheck", root.new HealthcheckCommand());
    line.addSubcommand("version", root.new VersionCommand());
    line.addSubcommand("one-time-access-token", new LoginCodeCommand(env, out, err));
    line.addSubcommand("key-rotate", new KeyRotate(env, out, err, System.in));
    line.addSubcommand("export", new ExportCommand(env, out, err));
    line.addSubcommand("import", new ImportCommand(env, out, err));
    line.setOut(new java.io.PrintWriter(out, true));
    line.setErr(new java.io.PrintWriter(err, true));
    return line.execute(args);
  }

  @Override
  public Integer call() {
    return serve();
  }

  private int serve() {
    ServerSettings settings;
    try {
      settings = EnvironmentConfig.load(env);
      JcaProviders.apply(env.getOrDefault("JCA_PROVIDER", ""));
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 1;
    }
    // Before the first logger is created: the logback configurator reads these.
    System.setProperty(LogbackConfigurator.LEVEL_PROPERTY, settings.log().level().name());
    System.setProperty(LogbackConfigurator.JSON_PROPERTY, String.valueOf(settings.log().json()));
    System.setProperty("org.jboss.logging.provider", "slf4j");
    // Logging initialises on whichever thread logs first (the database thread or this one); SLF4J
    // replays calls made meanwhile and would warn about that on stderr.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    // No platform MBean server just for XNIO's MBeans (~0.4 s of start-up); JMX when asked for.
    OnDemandMBeanServerBuilder.install();
    JulBridge.installInBackground();
    PocketIdServer server = PocketIdServer.builder().settings(settings).build();
    try {
      server.start();
    } catch (IllegalStateException e) {
      err.println(e.getMessage());
      return 1;
    }
    try {
      server.ready().get();
    } catch (ExecutionException e) {
      server.stop();
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.stop();
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "pocket-id-shutdown"));
    try {
      server.awaitStopped();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** {@code --version}: the same text as the {@code version} command. */
  static final class VersionText implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"pocket-id " + Version.current()};
    }
  }

  @Command(name = "serve", description = "Start the server (the default).")
  final class Serve implements Callable<Integer> {
    @Override
    public Integer call() {
      return serve();
    }
  }

  @Command(
      name = "healthcheck",
      description = "GET <endpoint>/healthz; exit 0 only on a 2xx answer.")
  final class HealthcheckCommand implements Callable<Integer> {
    @Option(
        names = {"-e", "--endpoint"},
        description = "Base URL of the server (default: http://localhost:$PORT).")
    String endpoint;

    @Option(
        names = {"-v", "--verbose"},
        description = "Print the result also when healthy.")
    boolean verbose;

    @Override
    public Integer call() {
      String target = endpoint == null ? Healthcheck.defaultEndpoint(env) : endpoint;
      return Healthcheck.check(target, verbose, out, err);
    }
  }

  @Command(name = "version", description = "Print the version.")
  final class VersionCommand implements Callable<Integer> {
    @Override
    public Integer call() {
      out.println("pocket-id " + Version.current());
      return 0;
    }
  }
}

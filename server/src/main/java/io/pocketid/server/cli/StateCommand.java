package io.pocketid.server.cli;

import io.pocketid.server.config.ConfigException;
import io.pocketid.server.config.EnvironmentConfig;
import io.pocketid.storage.jdbc.transfer.StateTransfer;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/** What {@code export} and {@code import} share: the environment, the streams, the database. */
abstract class StateCommand {
  final Map<String, String> env;
  final PrintStream out;
  final PrintStream err;

  StateCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  /** The configured database, or empty after printing why the configuration is invalid. */
  Optional<StateTransfer> transfer() {
    try {
      return Optional.of(new StateTransfer(EnvironmentConfig.load(env).database().jdbc()));
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return Optional.empty();
    }
  }
}

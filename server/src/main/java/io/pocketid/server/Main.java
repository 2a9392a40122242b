package io.pocketid.server;

import java.io.PrintStream;
import java.util.Map;

/** {@code pocket-id}: the process entry point. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.getenv(), System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the command line with the given environment and streams. {@code serve} returns only after
   * the server has stopped (or failed to start).
   *
   * @return the exit code
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return PocketIdCommand.run(args, env, out, err);
  }
}

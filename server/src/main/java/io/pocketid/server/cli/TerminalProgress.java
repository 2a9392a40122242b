package io.pocketid.server.cli;

import io.pocketid.storage.jdbc.transfer.StateTransfer;
import java.io.PrintStream;
import java.util.Map;

/** A progress bar per table on a terminal ({@code \r}-redrawn); silent when not a terminal. */
final class TerminalProgress implements StateTransfer.Progress {
  private static final int WIDTH = 30;
  private final PrintStream err;
  private final boolean terminal;

  TerminalProgress(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  /** On the process's own terminal: when standard error is one. */
  static TerminalProgress forConsole(PrintStream err) {
    return new TerminalProgress(err, System.console() != null && err == System.err);
  }

  @Override
  public void update(String table, long done, long total) {
    if (!terminal) {
      return;
    }
    int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
    err.print(
        String.format(
            "\r%-34s [%s%s] %d/%d",
            table, "#".repeat(filled), " ".repeat(WIDTH - filled), done, total));
    if (done == total) {
      err.println();
    }
    err.flush();
  }

  /** Prints {@code table: count} lines and a total. */
  static void printCounts(PrintStream out, Map<String, ? extends Number> counts) {
    long sum = 0;
    for (Map.Entry<String, ? extends Number> e : counts.entrySet()) {
      out.printf("%-34s %d%n", e.getKey(), e.getValue().longValue());
      sum += e.getValue().longValue();
    }
    out.printf("%-34s %d%n", "total", sum);
  }
}

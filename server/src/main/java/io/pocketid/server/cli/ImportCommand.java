package io.pocketid.server.cli;

import io.pocketid.core.store.StorageException;
import io.pocketid.server.internal.transfer.StateFile;
import io.pocketid.storage.jdbc.transfer.StateTransfer;
import io.pocketid.storage.jdbc.transfer.TableData;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pocket-id import --from FILE [--dry-run] [--force]}: writes an export file into the
 * configured database in one transaction. A database holding any row is refused unless {@code
 * --force}, which replaces everything in it. Stop the server first.
 */
@Command(name = "import", description = "Load a file written by 'export' into the database.")
public final class ImportCommand extends StateCommand implements Callable<Integer> {
  @Option(names = "--from", required = true, paramLabel = "FILE", description = "The file to read.")
  Path from;

  @Option(names = "--dry-run", description = "Check the file and print its rows per table only.")
  boolean dryRun;

  @Option(names = "--force", description = "Replace everything in a database that is not empty.")
  boolean force;

  public ImportCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    super(env, out, err);
  }

  @Override
  public Integer call() {
    Optional<StateTransfer> configured = transfer();
    if (configured.isEmpty()) {
      return 1;
    }
    StateTransfer transfer = configured.get();
    try {
      List<TableData> tables;
      try (InputStream in = Files.newInputStream(from)) {
        tables = StateFile.read(in);
      }
      Map<String, Integer> counts = new LinkedHashMap<>();
      if (dryRun) {
        tables.forEach(t -> counts.put(t.name(), t.rows().size()));
        TerminalProgress.printCounts(out, counts);
        out.println("dry run: nothing was written");
        return 0;
      }
      counts.putAll(transfer.write(tables, force, TerminalProgress.forConsole(err)));
      TerminalProgress.printCounts(out, counts);
      out.println("imported from " + from);
      return 0;
    } catch (StorageException e) {
      err.println("import failed: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("import failed: cannot read " + from + ": " + e.getMessage());
      return 1;
    }
  }
}

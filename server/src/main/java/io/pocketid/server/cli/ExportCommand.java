package io.pocketid.server.cli;

import io.pocketid.core.store.StorageException;
import io.pocketid.server.internal.transfer.StateFile;
import io.pocketid.storage.jdbc.transfer.StateTransfer;
import io.pocketid.storage.jdbc.transfer.TableData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pocket-id export --to FILE [--dry-run]}: the whole state of the configured database as one
 * JSON file (format: {@code docs/export-format.md}), written owner-only: it holds signing keys and
 * hashes.
 */
@Command(name = "export", description = "Write the whole database to a JSON file.")
public final class ExportCommand extends StateCommand implements Callable<Integer> {
  @Option(names = "--to", required = true, paramLabel = "FILE", description = "The file to write.")
  Path to;

  @Option(names = "--dry-run", description = "Print the rows per table; write nothing.")
  boolean dryRun;

  public ExportCommand(Map<String, String> env, PrintStream out, PrintStream err) {
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
      if (dryRun) {
        TerminalProgress.printCounts(out, transfer.counts());
        return 0;
      }
      List<TableData> tables = transfer.read(TerminalProgress.forConsole(err));
      writeOwnerOnly(tables);
      Map<String, Integer> counts = new LinkedHashMap<>();
      tables.forEach(t -> counts.put(t.name(), t.rows().size()));
      TerminalProgress.printCounts(out, counts);
      out.println("exported to " + to);
      return 0;
    } catch (StorageException e) {
      err.println("export failed: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("export failed: cannot write " + to + ": " + e.getMessage());
      return 1;
    }
  }

  private void writeOwnerOnly(List<TableData> tables) throws IOException {
    Path target = to.toAbsolutePath();
    Path temp = Files.createTempFile(target.getParent(), ".pocket-id-export", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system
      }
      try (OutputStream os = Files.newOutputStream(temp)) {
        StateFile.write(tables, Instant.now(), os);
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}

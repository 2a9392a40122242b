package io.pocketid.storage.jdbc;

import io.pocketid.core.store.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** File-system chores for SQLite databases. */
final class SqliteFiles {
  private SqliteFiles() {}

  /** The database file of a {@code jdbc:sqlite:} URL, absolute. */
  static Path databaseFile(String jdbcUrl) {
    String rest = jdbcUrl.substring("jdbc:sqlite:".length());
    int q = rest.indexOf('?');
    return Path.of(q < 0 ? rest : rest.substring(0, q)).toAbsolutePath();
  }

  /** Creates the directories the database file lives in, so a fresh install just starts. */
  static void createParentDirectories(String jdbcUrl) {
    Path file = databaseFile(jdbcUrl);
    Path parent = file.getParent();
    if (parent == null || Files.isDirectory(parent)) {
      return;
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new StorageException(
          "cannot create the directory " + parent + " for the SQLite database: " + e, e);
    }
  }
}

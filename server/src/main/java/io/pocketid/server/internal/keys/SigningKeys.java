package io.pocketid.server.internal.keys;

import io.pocketid.core.store.Storage;
import io.pocketid.oidc.keys.KeyFiles;
import io.pocketid.oidc.keys.KeyManager;
import io.pocketid.oidc.keys.KeyRing;
import io.pocketid.oidc.keys.SigningAlgorithm;
import io.pocketid.server.config.KeySettings;
import io.pocketid.server.config.KeysStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The server's signing keys: {@link KeyManager} (which holds the rules: rotation, retirement, the
 * publish window, Pocket ID's key file and kv row) configured from {@code KEYS_STORAGE}, {@code
 * KEYS_PATH} and {@code ENCRYPTION_KEY}, with the key file kept in {@code KEYS_PATH} on the file
 * system ({@link PathKeyFiles}).
 */
public final class SigningKeys {
  private final KeyManager manager;

  /**
   * @param publishAfterRetirement how long a retired key stays published: the longest lifetime of a
   *     token it signs
   */
  public SigningKeys(
      KeySettings settings,
      Path keysPath,
      Storage storage,
      Clock clock,
      Duration publishAfterRetirement) {
    this.manager =
        new KeyManager(
            settings.storage() == KeysStorage.DATABASE
                ? KeyManager.Mode.DATABASE
                : KeyManager.Mode.FILE,
            settings.encryptionKey(),
            settings.storage() == KeysStorage.MEMORY
                ? new MemoryKeyFiles()
                : new PathKeyFiles(keysPath),
            storage.signingKeys(),
            storage.keyValues(),
            storage,
            clock,
            publishAfterRetirement);
  }

  /** The keys of a server's configuration (KEYS_STORAGE, KEYS_PATH, ENCRYPTION_KEY). */
  public static SigningKeys forServer(
      io.pocketid.server.config.ServerSettings server, Storage storage, Clock clock) {
    return new SigningKeys(
        server.keys(),
        server.paths().keysPath(),
        storage,
        clock,
        publishAfterRetirement(io.pocketid.oidc.OidcSettings.defaults(server.http().appUrl())));
  }

  /** The longest lifetime of a token signed with a key (ID and access tokens), plus clock skew. */
  static Duration publishAfterRetirement(io.pocketid.oidc.OidcSettings settings) {
    Duration longest =
        settings.accessTokenLifetime().compareTo(settings.idTokenLifetime()) >= 0
            ? settings.accessTokenLifetime()
            : settings.idTokenLifetime();
    return longest.plusMinutes(5);
  }

  /** See {@link KeyManager#load()}. */
  public KeyRing load() {
    return manager.load();
  }

  /** See {@link KeyManager#ring()}. */
  public KeyRing ring() {
    return manager.ring();
  }

  /** A supplier view of {@link #ring()}. */
  public Supplier<KeyRing> supplier() {
    return manager.supplier();
  }

  /** See {@link KeyManager#rotate}. */
  public String rotate(SigningAlgorithm algorithm) {
    return manager.rotate(algorithm);
  }

  /** The key "file" in memory ({@link KeysStorage#MEMORY}): nothing is written anywhere. */
  static final class MemoryKeyFiles implements KeyFiles {
    private final java.util.Map<String, String> files =
        new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public java.util.Optional<String> read(String name) {
      return java.util.Optional.ofNullable(files.get(name));
    }

    @Override
    public void write(String name, String content) {
      files.put(name, content);
    }

    @Override
    public void delete(String name) {
      files.remove(name);
    }

    @Override
    public String where(String name) {
      return "memory:" + name;
    }
  }

  /** The key file in a directory: written atomically and owner-only, as Pocket ID does. */
  static final class PathKeyFiles implements KeyFiles {
    private final Path dir;

    PathKeyFiles(Path dir) {
      this.dir = dir;
    }

    @Override
    public Optional<String> read(String name) throws IOException {
      try {
        return Optional.of(Files.readString(dir.resolve(name)));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
    }

    @Override
    public void write(String name, String content) throws IOException {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".jwt_private_key", ".tmp");
      try {
        setOwnerOnly(temp);
        Files.writeString(temp, content);
        Files.move(
            temp,
            dir.resolve(name),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    }

    @Override
    public void delete(String name) throws IOException {
      Files.delete(dir.resolve(name));
    }

    @Override
    public String where(String name) {
      return dir.resolve(name).toString();
    }

    private static void setOwnerOnly(Path file) throws IOException {
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: keep the platform's defaults.
      }
    }
  }
}

package io.pocketid.server.internal.keys;

import io.pocketid.core.model.SigningKey;
import io.pocketid.core.store.Storage;
import io.pocketid.oidc.keys.KeyEncryption;
import io.pocketid.oidc.keys.KeyRing;
import io.pocketid.oidc.keys.SigningAlgorithm;
import io.pocketid.server.config.KeySettings;
import io.pocketid.server.config.KeysStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys: loaded (or created) at start-up, rotated by {@code pocket-id key-rotate}.
 *
 * <p>Where the current key lives is Pocket ID's: {@code KEYS_STORAGE=file} reads {@code
 * KEYS_PATH/jwt_private_key.json} (plain JWK) or {@code jwt_private_key.json.enc} (encrypted with
 * ENCRYPTION_KEY and the instance id); {@code KEYS_STORAGE=database} reads the {@code signing_keys}
 * table, and imports Pocket ID's {@code kv} row {@code jwt_private_key.json} when the table is
 * empty.
 *
 * <p>The history — keys retired by a rotation, still published until {@code publishUntil} so the
 * tokens they signed keep verifying — is always kept in the {@code signing_keys} table, in file
 * mode too (private parts encrypted when ENCRYPTION_KEY is set). In file mode the file stays the
 * source of truth for the current key: a file replaced by hand becomes current at the next start.
 *
 * <p>{@link #ring()} re-reads the table at most every {@link #REFRESH}, so a rotation made by the
 * CLI or by another instance is picked up without a restart.
 */
public final class SigningKeys {
  /** Pocket ID's file and kv names. */
  public static final String FILE_NAME = "jwt_private_key.json";

  public static final String ENCRYPTED_FILE_NAME = "jwt_private_key.json.enc";
  public static final String KV_KEY = "jwt_private_key.json";
  public static final String INSTANCE_ID_KEY = "instance_id";
  static final Duration REFRESH = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

  private final KeySettings settings;
  private final Path keysPath;
  private final Storage storage;
  private final Clock clock;
  private final Duration publishAfterRetirement;
  private final Optional<KeyEncryption> encryption;
  private volatile KeyRing ring;
  private volatile Instant loadedAt;

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
    this.settings = settings;
    this.keysPath = keysPath;
    this.storage = storage;
    this.clock = clock;
    this.publishAfterRetirement = publishAfterRetirement;
    String instanceId =
        storage.keyValues().putIfAbsent(INSTANCE_ID_KEY, UUID.randomUUID().toString());
    this.encryption = settings.encryptionKey().map(key -> new KeyEncryption(key, instanceId));
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

  /** Loads or creates the current key and builds the ring. Call once at start-up. */
  public KeyRing load() {
    if (settings.storage() == KeysStorage.FILE) {
      String currentJwk = readOrCreateFile();
      ensureCurrentInTable(currentJwk);
    } else if (currentInTable().isEmpty()) {
      String imported = importKvRow().orElseGet(() -> KeyRing.generate(SigningAlgorithm.RS256));
      ensureCurrentInTable(imported);
    }
    return reload();
  }

  /** The ring to sign and verify with; refreshed from the table every {@link #REFRESH}. */
  public KeyRing ring() {
    KeyRing current = ring;
    if (current == null || loadedAt.plus(REFRESH).isBefore(clock.instant())) {
      synchronized (this) {
        if (ring == null) {
          return reload();
        }
        if (loadedAt.plus(REFRESH).isBefore(clock.instant())) {
          try {
            return reload();
          } catch (RuntimeException e) {
            // Keep signing with the ring we have; try again after the next interval.
            LOG.warn("Cannot refresh the signing keys, keeping the current ones: {}", e.toString());
            loadedAt = clock.instant();
          }
        }
        return ring;
      }
    }
    return current;
  }

  /** A supplier view of {@link #ring()}. */
  public Supplier<KeyRing> supplier() {
    return this::ring;
  }

  /**
   * Makes a new key current; the previous one stays published for {@code publishAfterRetirement}.
   *
   * @return the new kid
   */
  public synchronized String rotate(SigningAlgorithm algorithm) {
    load();
    String jwk = KeyRing.generate(algorithm);
    if (settings.storage() == KeysStorage.FILE) {
      writeFile(jwk);
    }
    ensureCurrentInTable(jwk);
    reload();
    return KeyRing.kidOf(jwk);
  }

  private synchronized KeyRing reload() {
    Instant now = clock.instant();
    List<SigningKey> published = new ArrayList<>(storage.signingKeys().listPublished(now));
    SigningKey current =
        published.stream()
            .filter(k -> k.retiredAt() == null)
            .max(Comparator.comparing(SigningKey::activeFrom))
            .orElseThrow(() -> new IllegalStateException("no current signing key"));
    List<String> jwks = new ArrayList<>();
    for (SigningKey key : published) {
      jwks.add(decrypt(key));
    }
    KeyRing built = KeyRing.of(jwks, current.kid());
    ring = built;
    loadedAt = now;
    return built;
  }

  private Optional<SigningKey> currentInTable() {
    return storage.signingKeys().listPublished(clock.instant()).stream()
        .filter(k -> k.retiredAt() == null)
        .max(Comparator.comparing(SigningKey::activeFrom));
  }

  /**
   * Makes {@code jwk} the current key in the table (saving it when new), retiring the others that
   * are still current.
   */
  private void ensureCurrentInTable(String jwk) {
    String kid = KeyRing.kidOf(jwk);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    storage.inTransaction(
        () -> {
          for (SigningKey other : storage.signingKeys().listPublished(now)) {
            if (other.retiredAt() == null && !other.kid().equals(kid)) {
              storage
                  .signingKeys()
                  .update(
                      new SigningKey(
                          other.kid(),
                          other.algorithm(),
                          other.privateJwk(),
                          other.encrypted(),
                          other.createdAt(),
                          other.activeFrom(),
                          now,
                          now.plus(publishAfterRetirement)));
            }
          }
          Optional<SigningKey> existing = storage.signingKeys().findByKid(kid);
          if (existing.isEmpty()) {
            storage.signingKeys().save(stored(jwk, kid, now));
          } else if (existing.get().retiredAt() != null) {
            SigningKey k = existing.get();
            storage
                .signingKeys()
                .update(
                    new SigningKey(
                        k.kid(),
                        k.algorithm(),
                        k.privateJwk(),
                        k.encrypted(),
                        k.createdAt(),
                        now,
                        null,
                        null));
          }
        });
  }

  private SigningKey stored(String jwk, String kid, Instant now) {
    String algorithm = algorithmOf(jwk);
    byte[] payload =
        encryption
            .map(e -> e.encrypt(jwk.getBytes(StandardCharsets.UTF_8)))
            .orElse(jwk)
            .getBytes(StandardCharsets.UTF_8);
    return new SigningKey(kid, algorithm, payload, encryption.isPresent(), now, now, null, null);
  }

  private static String algorithmOf(String jwk) {
    return KeyRing.of(List.of(jwk), KeyRing.kidOf(jwk)).currentAlgorithm();
  }

  private String decrypt(SigningKey key) {
    String text = new String(key.privateJwk(), StandardCharsets.UTF_8);
    if (!key.encrypted()) {
      return text;
    }
    return decrypt(text, "signing key " + key.kid());
  }

  private String decrypt(String text, String what) {
    KeyEncryption e =
        encryption.orElseThrow(
            () -> new IllegalStateException(what + " is encrypted: set ENCRYPTION_KEY"));
    try {
      return new String(e.decrypt(text), StandardCharsets.UTF_8);
    } catch (KeyEncryption.KeyDecryptionException ex) {
      throw new IllegalStateException(what + ": " + ex.getMessage(), ex);
    }
  }

  private Optional<String> importKvRow() {
    return storage
        .keyValues()
        .get(KV_KEY)
        .filter(v -> !v.isBlank())
        .map(
            v -> {
              LOG.info("Importing Pocket ID's signing key from the kv table");
              return decrypt(v, "the kv row " + KV_KEY);
            });
  }

  /** Reads the key file (encrypted or plain), or generates and writes an RS256 key. */
  private String readOrCreateFile() {
    Path encrypted = keysPath.resolve(ENCRYPTED_FILE_NAME);
    Path plain = keysPath.resolve(FILE_NAME);
    try {
      if (Files.exists(encrypted)) {
        return decrypt(Files.readString(encrypted), encrypted.toString());
      }
      if (Files.exists(plain)) {
        String jwk = Files.readString(plain);
        KeyRing.kidOf(jwk);
        if (encryption.isPresent()) {
          // As Pocket ID: with ENCRYPTION_KEY set, a plain key file is migrated and deleted.
          writeFile(jwk);
          Files.delete(plain);
        }
        return jwk;
      }
      String jwk = KeyRing.generate(SigningAlgorithm.RS256);
      writeFile(jwk);
      LOG.info("Created a new RS256 signing key in {}", keysPath);
      return jwk;
    } catch (IOException e) {
      throw new UncheckedIOException("KEYS_PATH: cannot read or write the signing key", e);
    }
  }

  private void writeFile(String jwk) {
    try {
      Files.createDirectories(keysPath);
      String name = encryption.isPresent() ? ENCRYPTED_FILE_NAME : FILE_NAME;
      String content =
          encryption.map(e -> e.encrypt(jwk.getBytes(StandardCharsets.UTF_8))).orElse(jwk);
      Path temp = Files.createTempFile(keysPath, ".jwt_private_key", ".tmp");
      try {
        setOwnerOnly(temp);
        Files.writeString(temp, content);
        Files.move(
            temp,
            keysPath.resolve(name),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("KEYS_PATH: cannot write the signing key", e);
    }
  }

  private static void setOwnerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: keep the platform's defaults.
    }
  }
}

package io.pocketid.oidc.keys;

import io.pocketid.core.model.SigningKey;
import io.pocketid.core.store.KeyValueStore;
import io.pocketid.core.store.SigningKeyStore;
import io.pocketid.core.store.Transactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys: loaded (or created) at start-up, rotated on demand, retired keys published
 * until the tokens they signed have expired.
 *
 * <p>Where the current key lives is Pocket ID's: in {@link Mode#FILE} the {@link KeyFiles} file
 * {@value #FILE_NAME} (plain JWK) or {@value #ENCRYPTED_FILE_NAME} (encrypted with the encryption
 * key and the instance id); in {@link Mode#DATABASE} the signing-key store, which imports Pocket
 * ID's key-value row {@value #KV_KEY} when it is empty.
 *
 * <p>The history — keys retired by a rotation, still published until {@code publishUntil} so the
 * tokens they signed keep verifying — is always kept in the signing-key store, in file mode too
 * (private parts encrypted when an encryption key is set). In file mode the file stays the source
 * of truth for the current key: a file replaced by hand becomes current at the next start.
 *
 * <p>{@link #ring()} re-reads the store at most every {@link #REFRESH}, so a rotation made by
 * another process or instance is picked up without a restart.
 */
public final class KeyManager {
  /** Where the current key lives (the server's {@code KEYS_STORAGE}). */
  public enum Mode {
    /** In {@link KeyFiles}, encrypted when an encryption key is set. */
    FILE,
    /** In the signing-key store, encrypted (an encryption key is required). */
    DATABASE
  }

  /** Pocket ID's file and key-value names. */
  public static final String FILE_NAME = "jwt_private_key.json";

  public static final String ENCRYPTED_FILE_NAME = "jwt_private_key.json.enc";
  public static final String KV_KEY = "jwt_private_key.json";
  public static final String INSTANCE_ID_KEY = "instance_id";

  /** How often {@link #ring()} re-reads the store. */
  public static final Duration REFRESH = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(KeyManager.class);

  private final Mode mode;
  private final KeyFiles files;
  private final SigningKeyStore signingKeys;
  private final KeyValueStore keyValues;
  private final Transactions transactions;
  private final Clock clock;
  private final Duration publishAfterRetirement;
  private final Optional<KeyEncryption> encryption;
  private volatile KeyRing ring;
  private volatile Instant loadedAt;

  /**
   * Reads (or creates) the instance id in {@code keyValues}: with the encryption key it encrypts
   * the private keys, as in Pocket ID.
   *
   * @param encryptionKey the encryption key, required in {@link Mode#DATABASE}
   * @param publishAfterRetirement how long a retired key stays published: the longest lifetime of a
   *     token it signs
   * @throws IllegalArgumentException in {@link Mode#DATABASE} without an encryption key
   */
  public KeyManager(
      Mode mode,
      Optional<byte[]> encryptionKey,
      KeyFiles files,
      SigningKeyStore signingKeys,
      KeyValueStore keyValues,
      Transactions transactions,
      Clock clock,
      Duration publishAfterRetirement) {
    this.mode = Objects.requireNonNull(mode, "mode");
    this.files = Objects.requireNonNull(files, "files");
    this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys");
    this.keyValues = Objects.requireNonNull(keyValues, "keyValues");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.publishAfterRetirement =
        Objects.requireNonNull(publishAfterRetirement, "publishAfterRetirement");
    Optional<byte[]> key = encryptionKey.filter(k -> k.length > 0);
    if (mode == Mode.DATABASE && key.isEmpty()) {
      throw new IllegalArgumentException("keys in the database require an encryption key");
    }
    String instanceId = keyValues.putIfAbsent(INSTANCE_ID_KEY, UUID.randomUUID().toString());
    this.encryption = key.map(k -> new KeyEncryption(k, instanceId));
  }

  /** Loads or creates the current key and builds the ring. Call once at start-up. */
  public KeyRing load() {
    if (mode == Mode.FILE) {
      String currentJwk = readOrCreateFile();
      ensureCurrentInStore(currentJwk);
    } else if (currentInStore().isEmpty()) {
      String imported = importKvRow().orElseGet(() -> KeyRing.generate(SigningAlgorithm.RS256));
      ensureCurrentInStore(imported);
    }
    return reload();
  }

  /** The ring to sign and verify with; refreshed from the store every {@link #REFRESH}. */
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
    if (mode == Mode.FILE) {
      writeFile(jwk);
    }
    ensureCurrentInStore(jwk);
    reload();
    return KeyRing.kidOf(jwk);
  }

  private synchronized KeyRing reload() {
    Instant now = clock.instant();
    List<SigningKey> published = new ArrayList<>(signingKeys.listPublished(now));
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

  private Optional<SigningKey> currentInStore() {
    return signingKeys.listPublished(clock.instant()).stream()
        .filter(k -> k.retiredAt() == null)
        .max(Comparator.comparing(SigningKey::activeFrom));
  }

  /**
   * Makes {@code jwk} the current key in the store (saving it when new), retiring the others that
   * are still current.
   */
  private void ensureCurrentInStore(String jwk) {
    String kid = KeyRing.kidOf(jwk);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    transactions.inTransaction(
        () -> {
          for (SigningKey other : signingKeys.listPublished(now)) {
            if (other.retiredAt() == null && !other.kid().equals(kid)) {
              signingKeys.update(published(other, other.activeFrom(), now));
            }
          }
          Optional<SigningKey> existing = signingKeys.findByKid(kid);
          if (existing.isEmpty()) {
            signingKeys.save(stored(jwk, kid, now));
          } else if (existing.get().retiredAt() != null) {
            signingKeys.update(published(existing.get(), now, null));
          }
        });
  }

  /** {@code key} active from {@code activeFrom}, retired at {@code retiredAt} (null: current). */
  private SigningKey published(SigningKey key, Instant activeFrom, Instant retiredAt) {
    return new SigningKey(
        key.kid(),
        key.algorithm(),
        key.privateJwk(),
        key.encrypted(),
        key.createdAt(),
        activeFrom,
        retiredAt,
        retiredAt == null ? null : retiredAt.plus(publishAfterRetirement));
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
    return keyValues
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
    try {
      Optional<String> encrypted = files.read(ENCRYPTED_FILE_NAME);
      if (encrypted.isPresent()) {
        return decrypt(encrypted.get(), files.where(ENCRYPTED_FILE_NAME));
      }
      Optional<String> plain = files.read(FILE_NAME);
      if (plain.isPresent()) {
        String jwk = plain.get();
        KeyRing.kidOf(jwk);
        if (encryption.isPresent()) {
          // As Pocket ID: with an encryption key set, a plain key file is migrated and deleted.
          writeFile(jwk);
          files.delete(FILE_NAME);
        }
        return jwk;
      }
      String jwk = KeyRing.generate(SigningAlgorithm.RS256);
      writeFile(jwk);
      LOG.info("Created a new RS256 signing key in {}", files.where(FILE_NAME));
      return jwk;
    } catch (IOException e) {
      throw new UncheckedIOException("KEYS_PATH: cannot read or write the signing key", e);
    }
  }

  private void writeFile(String jwk) {
    String name = encryption.isPresent() ? ENCRYPTED_FILE_NAME : FILE_NAME;
    String content =
        encryption.map(e -> e.encrypt(jwk.getBytes(StandardCharsets.UTF_8))).orElse(jwk);
    try {
      files.write(name, content);
    } catch (IOException e) {
      throw new UncheckedIOException("KEYS_PATH: cannot write the signing key", e);
    }
  }
}

package io.pocketid.oidc.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.core.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signing keys at start-up in Pocket ID's formats, and rotation that logs nobody out. */
class KeyManagerTest {
  private static final byte[] ENCRYPTION_KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final Duration PUBLISH = Duration.ofMinutes(65);

  private final InMemoryStorage storage = new InMemoryStorage();
  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final MemoryKeyFiles files = new MemoryKeyFiles();

  /** The key directory in memory. */
  static final class MemoryKeyFiles implements KeyFiles {
    final Map<String, String> files = new HashMap<>();

    @Override
    public Optional<String> read(String name) {
      return Optional.ofNullable(files.get(name));
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
      return "keys/" + name;
    }
  }

  private KeyManager keys(KeyManager.Mode mode, byte[] encryptionKey) {
    return new KeyManager(
        mode,
        Optional.ofNullable(encryptionKey),
        files,
        storage.signingKeys(),
        storage.keyValues(),
        storage,
        clock,
        PUBLISH);
  }

  /** {@code jwk} encrypted as Pocket ID does for an installation whose instance id this is. */
  private String pocketIdEncrypted(String jwk, String instanceId) {
    storage.keyValues().put(KeyManager.INSTANCE_ID_KEY, instanceId);
    return new KeyEncryption(ENCRYPTION_KEY, instanceId)
        .encrypt(jwk.getBytes(StandardCharsets.UTF_8));
  }

  private String instanceId() {
    return storage.keyValues().get(KeyManager.INSTANCE_ID_KEY).orElseThrow();
  }

  @Test
  void fileModeWhenNoKeyThenRs256WrittenAndReloadedUnchanged() {
    KeyRing first = keys(KeyManager.Mode.FILE, null).load();

    assertThat(files.files).containsOnlyKeys(KeyManager.FILE_NAME);
    assertThat(KeyRing.kidOf(files.files.get(KeyManager.FILE_NAME))).isEqualTo(first.currentKid());
    assertThat(first.currentAlgorithm()).isEqualTo("RS256");
    assertThat(keys(KeyManager.Mode.FILE, null).load().currentKid()).isEqualTo(first.currentKid());
  }

  @Test
  void fileModeWithPocketIdPlainFileThenLoadedAsIs() {
    String jwk = KeyRing.generate(SigningAlgorithm.ES256);
    files.write(KeyManager.FILE_NAME, jwk);

    KeyRing ring = keys(KeyManager.Mode.FILE, null).load();

    assertThat(ring.currentKid()).isEqualTo(KeyRing.kidOf(jwk));
    assertThat(ring.currentAlgorithm()).isEqualTo("ES256");
  }

  @Test
  void fileModeWithPocketIdEncryptedFileThenDecryptedWithTheInstanceId() {
    String jwk = KeyRing.generate(SigningAlgorithm.RS256);
    files.write(
        KeyManager.ENCRYPTED_FILE_NAME,
        pocketIdEncrypted(jwk, "b6c1a0c2-1111-4a4a-9c9c-123456789abc"));

    KeyRing ring = keys(KeyManager.Mode.FILE, ENCRYPTION_KEY).load();

    assertThat(ring.currentKid()).isEqualTo(KeyRing.kidOf(jwk));
  }

  @Test
  void fileModeWithEncryptionKeyAndPlainFileThenMigratedToEncryptedAndPlainDeleted()
      throws Exception {
    String jwk = KeyRing.generate(SigningAlgorithm.RS256);
    files.write(KeyManager.FILE_NAME, jwk);

    KeyRing ring = keys(KeyManager.Mode.FILE, ENCRYPTION_KEY).load();

    assertThat(ring.currentKid()).isEqualTo(KeyRing.kidOf(jwk));
    assertThat(files.files).containsOnlyKeys(KeyManager.ENCRYPTED_FILE_NAME);
    String stored = files.files.get(KeyManager.ENCRYPTED_FILE_NAME);
    assertThat(stored).doesNotContain("\"d\"");
    assertThat(
            new String(
                new KeyEncryption(ENCRYPTION_KEY, instanceId()).decrypt(stored),
                StandardCharsets.UTF_8))
        .isEqualTo(jwk);
  }

  @Test
  void fileModeWithWrongEncryptionKeyThenClearError() {
    keys(KeyManager.Mode.FILE, ENCRYPTION_KEY).load();

    assertThatThrownBy(
            () -> keys(KeyManager.Mode.FILE, "another key".getBytes(StandardCharsets.UTF_8)).load())
        .hasMessageContaining("keys/" + KeyManager.ENCRYPTED_FILE_NAME);
  }

  @Test
  void databaseModeWithoutEncryptionKeyThenRefused() {
    assertThatThrownBy(() -> keys(KeyManager.Mode.DATABASE, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("encryption key");
  }

  @Test
  void databaseModeWhenEmptyThenKeyCreatedEncryptedInTheStoreAndNoFile() {
    KeyRing ring = keys(KeyManager.Mode.DATABASE, ENCRYPTION_KEY).load();

    var stored = storage.signingKeys().findByKid(ring.currentKid()).orElseThrow();
    assertThat(stored.encrypted()).isTrue();
    assertThat(new String(stored.privateJwk(), StandardCharsets.UTF_8)).doesNotContain("\"d\"");
    assertThat(files.files).isEmpty();
    assertThat(keys(KeyManager.Mode.DATABASE, ENCRYPTION_KEY).load().currentKid())
        .isEqualTo(ring.currentKid());
  }

  @Test
  void databaseModeWithPocketIdKvRowThenImported() {
    String jwk = KeyRing.generate(SigningAlgorithm.RS256);
    storage.keyValues().put(KeyManager.KV_KEY, pocketIdEncrypted(jwk, "inst-1"));

    KeyRing ring = keys(KeyManager.Mode.DATABASE, ENCRYPTION_KEY).load();

    assertThat(ring.currentKid()).isEqualTo(KeyRing.kidOf(jwk));
  }

  @Test
  void rotateThenNewKeySignsAndTokenSignedBeforeStillVerifiesAlsoAfterRestart() {
    KeyManager manager = keys(KeyManager.Mode.FILE, null);
    KeyRing before = manager.load();
    String token = before.sign(Map.of("sub", "u1"), "JWT");

    String newKid = manager.rotate(SigningAlgorithm.EDDSA);

    KeyRing after = manager.ring();
    assertThat(after.currentKid()).isEqualTo(newKid).isNotEqualTo(before.currentKid());
    assertThat(after.currentAlgorithm()).isEqualTo("EdDSA");
    assertThat(after.verify(token)).isPresent();
    assertThat(after.jwksJson()).contains(before.currentKid()).contains(newKid);
    assertThat(KeyRing.kidOf(files.files.get(KeyManager.FILE_NAME))).isEqualTo(newKid);

    KeyRing restarted = keys(KeyManager.Mode.FILE, null).load();
    assertThat(restarted.currentKid()).isEqualTo(newKid);
    assertThat(restarted.verify(token)).isPresent();
  }

  @Test
  void rotateThenOldKeyDroppedFromJwksOnceItsTokensHaveExpired() {
    KeyManager manager = keys(KeyManager.Mode.DATABASE, ENCRYPTION_KEY);
    String oldKid = manager.load().currentKid();
    manager.rotate(SigningAlgorithm.RS256);

    clock.advance(PUBLISH.minusMinutes(1));
    assertThat(keys(KeyManager.Mode.DATABASE, ENCRYPTION_KEY).load().jwksJson()).contains(oldKid);
    clock.advance(Duration.ofMinutes(2));
    assertThat(keys(KeyManager.Mode.DATABASE, ENCRYPTION_KEY).load().jwksJson())
        .doesNotContain(oldKid);
  }

  @Test
  void ringPicksUpARotationByAnotherInstanceAfterTheRefreshInterval() {
    KeyManager serving = keys(KeyManager.Mode.DATABASE, ENCRYPTION_KEY);
    String oldKid = serving.load().currentKid();
    String newKid = keys(KeyManager.Mode.DATABASE, ENCRYPTION_KEY).rotate(SigningAlgorithm.ES256);

    assertThat(serving.ring().currentKid()).isEqualTo(oldKid);
    clock.advance(KeyManager.REFRESH.plusSeconds(1));
    assertThat(serving.ring().currentKid()).isEqualTo(newKid);
  }
}

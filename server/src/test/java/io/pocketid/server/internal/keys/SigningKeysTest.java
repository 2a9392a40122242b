package io.pocketid.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.oidc.keys.KeyEncryption;
import io.pocketid.oidc.keys.KeyRing;
import io.pocketid.oidc.keys.SigningAlgorithm;
import io.pocketid.server.config.KeySettings;
import io.pocketid.server.config.KeysStorage;
import io.pocketid.server.internal.keys.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing keys at start-up in Pocket ID's formats, and rotation that logs nobody out. */
class SigningKeysTest {
  private static final byte[] ENCRYPTION_KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final Duration PUBLISH = Duration.ofMinutes(65);

  @TempDir Path keys;
  private final InMemoryStorage storage = new InMemoryStorage();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private SigningKeys keys(KeysStorage mode, byte[] encryptionKey) {
    return new SigningKeys(new KeySettings(mode, encryptionKey), keys, storage, clock, PUBLISH);
  }

  private String instanceId() {
    return storage.keyValues().get(SigningKeys.INSTANCE_ID_KEY).orElseThrow();
  }

  @Test
  void fileModeWhenNoKeyThenRs256WrittenOwnerOnlyAndReloadedUnchanged() throws Exception {
    KeyRing first = keys(KeysStorage.FILE, null).load();

    Path file = keys.resolve("jwt_private_key.json");
    assertThat(file).exists();
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(first.currentAlgorithm()).isEqualTo("RS256");
    assertThat(keys(KeysStorage.FILE, null).load().currentKid()).isEqualTo(first.currentKid());
  }

  @Test
  void fileModeWithPocketIdPlainFileThenLoadedAsIs() throws Exception {
    String jwk = KeyRing.generate(SigningAlgorithm.ES256);
    Files.writeString(keys.resolve("jwt_private_key.json"), jwk);

    KeyRing ring = keys(KeysStorage.FILE, null).load();

    assertThat(ring.currentKid()).isEqualTo(KeyRing.kidOf(jwk));
    assertThat(ring.currentAlgorithm()).isEqualTo("ES256");
  }

  @Test
  void fileModeWithPocketIdEncryptedFileThenDecryptedWithTheInstanceId() throws Exception {
    storage.keyValues().put(SigningKeys.INSTANCE_ID_KEY, "b6c1a0c2-1111-4a4a-9c9c-123456789abc");
    String jwk = KeyRing.generate(SigningAlgorithm.RS256);
    String encrypted =
        new KeyEncryption(ENCRYPTION_KEY, "b6c1a0c2-1111-4a4a-9c9c-123456789abc")
            .encrypt(jwk.getBytes(StandardCharsets.UTF_8));
    Files.writeString(keys.resolve("jwt_private_key.json.enc"), encrypted);

    KeyRing ring = keys(KeysStorage.FILE, ENCRYPTION_KEY).load();

    assertThat(ring.currentKid()).isEqualTo(KeyRing.kidOf(jwk));
  }

  @Test
  void fileModeWithEncryptionKeyAndPlainFileThenMigratedToEncryptedAndPlainDeleted()
      throws Exception {
    String jwk = KeyRing.generate(SigningAlgorithm.RS256);
    Files.writeString(keys.resolve("jwt_private_key.json"), jwk);

    KeyRing ring = keys(KeysStorage.FILE, ENCRYPTION_KEY).load();

    assertThat(ring.currentKid()).isEqualTo(KeyRing.kidOf(jwk));
    assertThat(keys.resolve("jwt_private_key.json")).doesNotExist();
    String stored = Files.readString(keys.resolve("jwt_private_key.json.enc"));
    assertThat(stored).doesNotContain("\"d\"");
    assertThat(
            new String(
                new KeyEncryption(ENCRYPTION_KEY, instanceId()).decrypt(stored),
                StandardCharsets.UTF_8))
        .isEqualTo(jwk);
  }

  @Test
  void fileModeWithWrongEncryptionKeyThenClearError() throws Exception {
    keys(KeysStorage.FILE, ENCRYPTION_KEY).load();

    assertThatThrownBy(
            () -> keys(KeysStorage.FILE, "another key".getBytes(StandardCharsets.UTF_8)).load())
        .hasMessageContaining("ENCRYPTION_KEY");
  }

  @Test
  void databaseModeWhenEmptyThenKeyCreatedEncryptedInTheTable() {
    KeyRing ring = keys(KeysStorage.DATABASE, ENCRYPTION_KEY).load();

    var stored = storage.signingKeys().findByKid(ring.currentKid()).orElseThrow();
    assertThat(stored.encrypted()).isTrue();
    assertThat(new String(stored.privateJwk(), StandardCharsets.UTF_8)).doesNotContain("\"d\"");
    assertThat(keys.resolve("jwt_private_key.json")).doesNotExist();
    assertThat(keys(KeysStorage.DATABASE, ENCRYPTION_KEY).load().currentKid())
        .isEqualTo(ring.currentKid());
  }

  @Test
  void databaseModeWithPocketIdKvRowThenImported() {
    storage.keyValues().put(SigningKeys.INSTANCE_ID_KEY, "inst-1");
    String jwk = KeyRing.generate(SigningAlgorithm.RS256);
    storage
        .keyValues()
        .put(
            SigningKeys.KV_KEY,
            new KeyEncryption(ENCRYPTION_KEY, "inst-1")
                .encrypt(jwk.getBytes(StandardCharsets.UTF_8)));

    KeyRing ring = keys(KeysStorage.DATABASE, ENCRYPTION_KEY).load();

    assertThat(ring.currentKid()).isEqualTo(KeyRing.kidOf(jwk));
  }

  @Test
  void rotateThenNewKeySignsAndTokenSignedBeforeStillVerifiesAlsoAfterRestart() {
    SigningKeys signingKeys = keys(KeysStorage.FILE, null);
    KeyRing before = signingKeys.load();
    String token = before.sign(Map.of("sub", "u1"), "JWT");

    String newKid = signingKeys.rotate(SigningAlgorithm.EDDSA);

    KeyRing after = signingKeys.ring();
    assertThat(after.currentKid()).isEqualTo(newKid).isNotEqualTo(before.currentKid());
    assertThat(after.currentAlgorithm()).isEqualTo("EdDSA");
    assertThat(after.verify(token)).isPresent();
    assertThat(after.jwksJson()).contains(before.currentKid()).contains(newKid);

    KeyRing restarted = keys(KeysStorage.FILE, null).load();
    assertThat(restarted.currentKid()).isEqualTo(newKid);
    assertThat(restarted.verify(token)).isPresent();
  }

  @Test
  void rotateThenOldKeyDroppedFromJwksOnceItsTokensHaveExpired() {
    SigningKeys signingKeys = keys(KeysStorage.DATABASE, ENCRYPTION_KEY);
    String oldKid = signingKeys.load().currentKid();
    signingKeys.rotate(SigningAlgorithm.RS256);

    clock.advance(PUBLISH.plusMinutes(1));
    KeyRing later = keys(KeysStorage.DATABASE, ENCRYPTION_KEY).load();

    assertThat(later.jwksJson()).doesNotContain(oldKid);
  }
}

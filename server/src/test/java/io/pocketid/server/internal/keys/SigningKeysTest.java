package io.pocketid.server.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.core.testing.TestClock;
import io.pocketid.oidc.keys.KeyRing;
import io.pocketid.oidc.keys.SigningAlgorithm;
import io.pocketid.server.config.KeySettings;
import io.pocketid.server.config.KeysStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's signing keys on the file system ({@code KEYS_PATH}): the key file is written
 * owner-only, migrated to its encrypted form on disk, and rewritten by a rotation. The rules
 * themselves are tested in oidc's {@code KeyManagerTest}.
 */
class SigningKeysTest {
  private static final byte[] ENCRYPTION_KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final Duration PUBLISH = Duration.ofMinutes(65);

  @TempDir Path keys;
  private final InMemoryStorage storage = new InMemoryStorage();
  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

  private SigningKeys keys(KeysStorage mode, byte[] encryptionKey) {
    return new SigningKeys(new KeySettings(mode, encryptionKey), keys, storage, clock, PUBLISH);
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
  void fileModeWithEncryptionKeyAndPlainFileThenMigratedToEncryptedAndPlainDeleted()
      throws Exception {
    String jwk = KeyRing.generate(SigningAlgorithm.RS256);
    Files.writeString(keys.resolve("jwt_private_key.json"), jwk);

    KeyRing ring = keys(KeysStorage.FILE, ENCRYPTION_KEY).load();

    assertThat(ring.currentKid()).isEqualTo(KeyRing.kidOf(jwk));
    assertThat(keys.resolve("jwt_private_key.json")).doesNotExist();
    Path encrypted = keys.resolve("jwt_private_key.json.enc");
    assertThat(Files.getPosixFilePermissions(encrypted))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(encrypted)).doesNotContain("\"d\"");
  }

  @Test
  void rotateThenTheNewKeyIsInTheFileAndCurrentAfterRestart() throws Exception {
    SigningKeys signingKeys = keys(KeysStorage.FILE, null);
    String oldKid = signingKeys.load().currentKid();

    String newKid = signingKeys.rotate(SigningAlgorithm.EDDSA);

    assertThat(newKid).isNotEqualTo(oldKid);
    assertThat(KeyRing.kidOf(Files.readString(keys.resolve("jwt_private_key.json"))))
        .isEqualTo(newKid);
    assertThat(keys(KeysStorage.FILE, null).load().currentKid()).isEqualTo(newKid);
  }
}

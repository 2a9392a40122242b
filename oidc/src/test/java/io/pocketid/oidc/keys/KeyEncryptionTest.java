package io.pocketid.oidc.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyEncryptionTest {
  private static final byte[] KEY = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
  private static final String INSTANCE = "5b0d2a4e-1f3c-4a8e-9d6b-7c2e1f0a9b8c";

  @Test
  void decryptWhenEncryptedWithSameKeyAndInstanceThenOriginal() throws Exception {
    KeyEncryption encryption = new KeyEncryption(KEY, INSTANCE);
    String stored = encryption.encrypt("{\"kty\":\"RSA\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(Base64.getDecoder().decode(stored)).hasSizeGreaterThan(12 + 16);
    assertThat(new String(encryption.decrypt(stored), StandardCharsets.UTF_8))
        .isEqualTo("{\"kty\":\"RSA\"}");
    assertThat(encryption.encrypt(new byte[] {1})).isNotEqualTo(encryption.encrypt(new byte[] {1}));
  }

  @Test
  void decryptWhenKeyOrInstanceDiffersThenErrorNamingTheCause() {
    String stored = new KeyEncryption(KEY, INSTANCE).encrypt(new byte[] {1, 2, 3});
    assertThatThrownBy(() -> new KeyEncryption("other".getBytes(), INSTANCE).decrypt(stored))
        .isInstanceOf(KeyEncryption.KeyDecryptionException.class)
        .hasMessageContaining("ENCRYPTION_KEY or the instance id does not match");
    assertThatThrownBy(() -> new KeyEncryption(KEY, "other-instance").decrypt(stored))
        .isInstanceOf(KeyEncryption.KeyDecryptionException.class);
  }

  @Test
  void decryptWhenDataCorruptThenClearError() {
    KeyEncryption encryption = new KeyEncryption(KEY, INSTANCE);
    assertThatThrownBy(() -> encryption.decrypt("%%%")).hasMessageContaining("not valid base64");
    assertThatThrownBy(() -> encryption.decrypt("AAAA")).hasMessageContaining("too short");
    assertThatThrownBy(() -> new KeyEncryption(new byte[0], INSTANCE))
        .hasMessageContaining("ENCRYPTION_KEY is empty");
  }
}

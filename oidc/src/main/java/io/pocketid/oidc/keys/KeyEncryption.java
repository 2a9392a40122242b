package io.pocketid.oidc.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts private keys at rest the way Pocket ID v1.15 does, so its encrypted key files and
 * database rows load as they are: key-encryption key = HMAC-SHA3-256(ENCRYPTION_KEY, {@code
 * "pocketid/<instanceId>/jwk-kek"}); payload = base64(nonce ‖ AES-256-GCM ciphertext).
 */
public final class KeyEncryption {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec kek;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param encryptionKey the raw bytes of ENCRYPTION_KEY (not trimmed)
   * @param instanceId the instance id from the application configuration
   */
  public KeyEncryption(byte[] encryptionKey, String instanceId) {
    Objects.requireNonNull(encryptionKey, "encryptionKey");
    Objects.requireNonNull(instanceId, "instanceId");
    if (encryptionKey.length == 0) {
      throw new IllegalArgumentException("ENCRYPTION_KEY is empty");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA3-256");
      mac.init(new SecretKeySpec(encryptionKey, "HmacSHA3-256"));
      byte[] derived =
          mac.doFinal(("pocketid/" + instanceId + "/jwk-kek").getBytes(StandardCharsets.UTF_8));
      this.kek = new SecretKeySpec(derived, "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA3-256 is not available", e);
    }
  }

  /** Encrypts {@code plaintext}; returns the base64 text Pocket ID stores. */
  public String encrypt(byte[] plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(plaintext);
      byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * Decrypts what {@link #encrypt} (or Pocket ID) produced.
   *
   * @throws KeyDecryptionException when the data is not base64, too short, or the key is wrong
   */
  public byte[] decrypt(String stored) throws KeyDecryptionException {
    byte[] data;
    try {
      data = Base64.getDecoder().decode(stored.trim());
    } catch (IllegalArgumentException e) {
      throw new KeyDecryptionException("the encrypted key is not valid base64");
    }
    if (data.length <= NONCE_BYTES + TAG_BITS / 8) {
      throw new KeyDecryptionException("the encrypted key is too short");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
      return cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new KeyDecryptionException(
          "the key cannot be decrypted: ENCRYPTION_KEY or the instance id does not match");
    } catch (GeneralSecurityException e) {
      throw new KeyDecryptionException("the key cannot be decrypted: " + e.getMessage());
    }
  }

  /** The encrypted key could not be read. */
  public static final class KeyDecryptionException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyDecryptionException(String message) {
      super(message);
    }
  }
}

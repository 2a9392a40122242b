package io.pocketid.core.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/** Random secrets from a {@link SecureRandom}; the one source of randomness for tokens. */
public final class RandomTokens {
  /** Letters and digits without the look-alikes 0, O, 1, l and I (for codes people type). */
  public static final String UNAMBIGUOUS =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  /** Letters and digits, as Pocket ID's {@code GenerateRandomAlphanumericString}. */
  public static final String ALPHANUMERIC =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final SecureRandom random;

  public RandomTokens(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  public RandomTokens() {
    this(new SecureRandom());
  }

  /** {@code length} characters drawn uniformly from {@code alphabet}. */
  public String fromAlphabet(String alphabet, int length) {
    if (length < 1) {
      throw new IllegalArgumentException("length must be positive");
    }
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new String(out);
  }

  /** {@code bytes} random bytes, base64url without padding (for cookies and ids). */
  public String urlSafe(int bytes) {
    byte[] buffer = new byte[bytes];
    random.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }
}

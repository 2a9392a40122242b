package io.pocketid.core.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes secret values before they are stored or looked up: SHA-256, lower-case hex (the format
 * Pocket ID uses for API keys, refresh and reauthentication tokens). Secrets here are long random
 * values, so a fast unsalted hash is enough to make a leaked table useless.
 */
public final class TokenHasher {
  private TokenHasher() {}

  /** The SHA-256 of the UTF-8 bytes of {@code secret}, as 64 lower-case hex characters. */
  public static String hash(String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Compares two strings in time independent of where they differ. */
  public static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}

package io.pocketid.oidc.device;

import io.pocketid.core.security.RandomTokens;
import java.util.Locale;
import java.util.Optional;

/**
 * RFC 8628 §6.1 user codes: 8 characters from 20 consonants (no vowels, so no words; no 0/O, 1/I
 * look-alikes), about 34.5 bits. Stored and compared without formatting; shown as {@code
 * XXXX-XXXX}; input is normalised (case-insensitive, dashes and spaces ignored).
 */
public final class UserCodes {
  /** The alphabet RFC 8628 §6.1 suggests. */
  public static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

  public static final int LENGTH = 8;

  private UserCodes() {}

  /** A new code, unformatted. */
  public static String generate(RandomTokens random) {
    return random.fromAlphabet(ALPHABET, LENGTH);
  }

  /** {@code XXXX-XXXX}. */
  public static String format(String code) {
    return code.length() == LENGTH ? code.substring(0, 4) + "-" + code.substring(4) : code;
  }

  /** The stored form of what a user typed, or empty when it cannot be a user code. */
  public static Optional<String> normalize(String input) {
    if (input == null) {
      return Optional.empty();
    }
    String code = input.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    if (code.length() != LENGTH) {
      return Optional.empty();
    }
    for (int i = 0; i < code.length(); i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) {
        return Optional.empty();
      }
    }
    return Optional.of(code);
  }
}

package io.pocketid.core.service;

import java.util.Optional;

/**
 * The one rule for names that people give things — first, last and display names, OIDC client
 * names, passkey names — with Pocket ID's messages ({@code "Name is required"}, {@code "Name must
 * be at most 50 characters long"}) and lengths counted in characters (code points).
 *
 * <p>A name must not contain control or invisible characters: C0 and C1 controls (Unicode category
 * Cc: NUL, TAB, CR, LF, ESC, DEL…), format characters (Cf: the bidi embeddings, overrides and
 * isolates U+202A–U+202E and U+2066–U+2069, zero-width space and (non-)joiners U+200B–U+200D, word
 * joiner U+2060, byte order mark U+FEFF, soft hyphen…), the line and paragraph separators U+2028
 * and U+2029, and unpaired surrogates. Such characters make one name look like another, hide or
 * reorder text on consent screens and in admin lists, and split lines in logs and e-mails. The
 * value is checked as sent, before any trimming: a refused character is never silently removed.
 *
 * <p>One exception: the zero-width non-joiner and joiner (U+200C, U+200D) are part of correct
 * spelling in Persian and Indic scripts and of emoji sequences, so they are accepted between two
 * visible non-ASCII characters; next to ASCII (where they could split {@code admin} into a
 * look-alike) or at either end they are refused.
 */
public final class TextRules {
  /** The longest name Pocket ID accepts for clients, passkeys and first and last names. */
  public static final int NAME_MAX = 50;

  private TextRules() {}

  /** Whether {@code value} contains a character that names must not contain. */
  public static boolean hasControlOrInvisible(String value) {
    int[] points = value.codePoints().toArray();
    for (int i = 0; i < points.length; i++) {
      if (isControlOrInvisible(points[i]) && !joinerInScript(points, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean joinerInScript(int[] points, int i) {
    return (points[i] == 0x200C || points[i] == 0x200D)
        && i > 0
        && i < points.length - 1
        && visibleNonAscii(points[i - 1])
        && visibleNonAscii(points[i + 1]);
  }

  private static boolean visibleNonAscii(int codePoint) {
    return codePoint > 0x7f && !isControlOrInvisible(codePoint);
  }

  /** Whether {@code codePoint} is a control, format, separator (line or paragraph) or surrogate. */
  public static boolean isControlOrInvisible(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          true;
      default -> false;
    };
  }

  /**
   * The first rule {@code value} breaks, as a message naming {@code field}: required (when {@code
   * min > 0}; null and empty are missing), no control or invisible characters, at least {@code min}
   * and at most {@code max} characters.
   */
  public static Optional<String> nameProblem(String field, String value, int min, int max) {
    if (value == null || value.isEmpty()) {
      return min > 0 ? Optional.of(field + " is required") : Optional.empty();
    }
    if (hasControlOrInvisible(value)) {
      return Optional.of(field + " must not contain control or invisible characters");
    }
    int length = value.codePointCount(0, value.length());
    if (length < min) {
      return Optional.of(field + " must be at least " + min + " characters long");
    }
    if (length > max) {
      return Optional.of(field + " must be at most " + max + " characters long");
    }
    return Optional.empty();
  }

  /**
   * A required name, checked as sent and returned trimmed: what an adapter stores for a client or a
   * passkey name.
   *
   * @throws ServiceException {@link ServiceError#INVALID_INPUT} naming {@code field} when the value
   *     is missing or blank, contains a control or invisible character, or is longer than {@code
   *     max} characters once trimmed
   */
  public static String requiredName(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw new ServiceException(ServiceError.INVALID_INPUT, field + " is required");
    }
    Optional<String> problem =
        nameProblem(field, value, 1, Integer.MAX_VALUE)
            .or(() -> nameProblem(field, value.trim(), 1, max));
    if (problem.isPresent()) {
      throw new ServiceException(ServiceError.INVALID_INPUT, problem.get());
    }
    return value.trim();
  }
}

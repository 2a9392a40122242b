package io.pocketid.server.internal.http;

/**
 * Structural limits checked on a JSON request body before any parser sees it (security finding 6:
 * 1,001 nested arrays cost a 500 and a thousand-line stack trace per request): at most {@link
 * #MAX_DEPTH} levels of nesting, and nothing but white space after the first complete object or
 * array. One linear pass over the bytes, strings and escapes skipped.
 */
public final class JsonLimits {
  /** Deepest nesting of objects and arrays accepted in a request body. */
  public static final int MAX_DEPTH = 32;

  private JsonLimits() {}

  /**
   * @throws BadRequestException 400 naming the problem when {@code json} nests too deeply or has
   *     content after its top-level object or array
   */
  public static void check(byte[] json) {
    int depth = 0;
    boolean inString = false;
    boolean closedTop = false;
    for (int i = 0; i < json.length; i++) {
      byte b = json[i];
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
        }
        continue;
      }
      if (closedTop) {
        if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
          throw new BadRequestException("Invalid JSON: unexpected content after the JSON value");
        }
        continue;
      }
      switch (b) {
        case '"' -> inString = true;
        case '{', '[' -> {
          if (++depth > MAX_DEPTH) {
            throw new BadRequestException(
                "Invalid JSON: nested more than " + MAX_DEPTH + " levels deep");
          }
        }
        case '}', ']' -> {
          depth--;
          closedTop = depth == 0;
        }
        default -> {}
      }
    }
  }
}

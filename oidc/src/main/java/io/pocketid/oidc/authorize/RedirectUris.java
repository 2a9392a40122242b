package io.pocketid.oidc.authorize;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Redirect URI rules. A registered URI without {@code *} matches only the identical string (RFC
 * 6749 §3.1.2, simple string comparison). A registered URI with {@code *} is a Pocket ID wildcard
 * pattern, matched more strictly than Pocket ID v1.15 did: in the scheme-and-authority part a
 * {@code *} matches within the authority only (never a {@code /}, {@code ?}, {@code #} or
 * {@code @}, so {@code https://*.example.com} cannot match {@code
 * https://evil.test/?.example.com}); in the rest it matches anything but {@code #}. URIs with a
 * fragment, relative URIs and dangerous schemes never match.
 *
 * <p>Matching works on the bytes that will be sent in the {@code Location} header, never on a
 * Unicode string that a header writer would change (security finding 1: Undertow writes each
 * character's low byte, so {@code U+012F} became {@code /}). A candidate is first put in its wire
 * form by {@link #normalize}: non-ASCII in the scheme or authority, white space, control characters
 * and {@code \} are refused; non-ASCII in the path, query or fragment is percent-encoded as UTF-8.
 * The value {@link #match} returns is that wire form, and the only one callers may redirect to.
 */
public final class RedirectUris {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final Set<String> FORBIDDEN_SCHEMES =
      Set.of("javascript", "data", "vbscript", "file", "about", "blob");

  private RedirectUris() {}

  /**
   * The wire form of {@code candidate} if it matches a registered URI or pattern: the value to
   * redirect to (see {@link #normalize}).
   */
  public static Optional<String> match(List<String> registered, String candidate) {
    Optional<String> wire = normalize(candidate).filter(RedirectUris::isAcceptableTarget);
    if (wire.isEmpty()) {
      return Optional.empty();
    }
    for (String pattern : registered) {
      if (matchesWire(pattern, wire.get())) {
        return wire;
      }
    }
    return Optional.empty();
  }

  /** Whether {@code candidate} matches one registered URI or pattern. */
  public static boolean matches(String pattern, String candidate) {
    return match(List.of(pattern), candidate).isPresent();
  }

  /**
   * The form of a redirect URI that goes on the wire: only printable ASCII. Empty when the URI has
   * white space, a control character, a backslash, an unpaired surrogate, or a non-ASCII character
   * before its path (scheme, authority: no IDN lookalikes, no host that a header writer or browser
   * would rewrite); other non-ASCII characters are percent-encoded as UTF-8. Two URIs that differ
   * only in that encoding have the same wire form.
   */
  public static Optional<String> normalize(String uri) {
    return uri == null ? Optional.empty() : toWire(uri, pathStart(uri));
  }

  /**
   * The wire form of a local target such as {@code /settings/account?x=1}: as {@link #normalize},
   * with the whole value treated as path and query. Whether it is local is the caller's check.
   */
  public static Optional<String> normalizeLocal(String path) {
    return path == null ? Optional.empty() : toWire(path, 0);
  }

  private static Optional<String> toWire(String uri, int pathStart) {
    if (uri.isEmpty() || uri.length() > 2048) {
      return Optional.empty();
    }
    StringBuilder out = null;
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c <= 0x20 || c == 0x7f || c == '\\' || (c >= 0x80 && c <= 0x9f)) {
        return Optional.empty();
      }
      if (c < 0x80) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (i < pathStart || Character.isSurrogate(c) && !validPair(uri, i)) {
        return Optional.empty();
      }
      if (out == null) {
        out = new StringBuilder(uri.length() + 16).append(uri, 0, i);
      }
      int codePoint = uri.codePointAt(i);
      i += Character.charCount(codePoint) - 1;
      for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    String wire = out == null ? uri : out.toString();
    return wire.length() > 2048 ? Optional.empty() : Optional.of(wire);
  }

  private static boolean matchesWire(String pattern, String wire) {
    Optional<String> wirePattern = normalize(pattern);
    if (wirePattern.isEmpty()) {
      return false;
    }
    if (!pattern.contains("*")) {
      return wirePattern.get().equals(wire);
    }
    return toRegex(wirePattern.get()).matcher(wire).matches();
  }

  /** Index where the path starts: after {@code scheme://authority}, or after {@code scheme:}. */
  private static int pathStart(String uri) {
    int colon = uri.indexOf(':');
    if (colon < 0) {
      return 0;
    }
    if (uri.startsWith("//", colon + 1)) {
      int end = indexOfAny(uri, colon + 3, "/?#");
      return end < 0 ? uri.length() : end;
    }
    return colon + 1;
  }

  private static boolean validPair(String s, int i) {
    char c = s.charAt(i);
    return Character.isHighSurrogate(c)
        && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1));
  }

  /**
   * Whether a URI may be registered: an absolute URI (or a wildcard pattern) without fragment and
   * with an allowed scheme.
   */
  public static boolean isRegistrable(String uri) {
    if (normalize(uri).isEmpty()) {
      return false;
    }
    if (uri.contains("*")) {
      int colon = uri.indexOf(':');
      return colon > 0
          && !uri.contains("#")
          && !FORBIDDEN_SCHEMES.contains(uri.substring(0, colon).toLowerCase(Locale.ROOT))
          && !uri.substring(0, colon).contains("*");
    }
    return isAcceptableTarget(uri);
  }

  private static boolean isAcceptableTarget(String candidate) {
    if (candidate == null || candidate.isEmpty() || candidate.length() > 2048) {
      return false;
    }
    try {
      URI uri = new URI(candidate);
      return uri.isAbsolute()
          && uri.getRawFragment() == null
          && !candidate.contains("#")
          && !FORBIDDEN_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static Pattern toRegex(String pattern) {
    int schemeEnd = pattern.indexOf("://");
    int authorityEnd = -1;
    if (schemeEnd > 0) {
      authorityEnd = indexOfAny(pattern, schemeEnd + 3, "/?#");
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        boolean inAuthority =
            schemeEnd > 0 && i > schemeEnd && (authorityEnd < 0 || i < authorityEnd);
        // In the authority only host-name or port characters: never '/', '\', '@', ':', '%'.
        regex.append(inAuthority ? "[A-Za-z0-9._-]*" : "[^#]*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  private static int indexOfAny(String s, int from, String chars) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}

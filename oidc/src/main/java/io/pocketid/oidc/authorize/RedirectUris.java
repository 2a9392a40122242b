package io.pocketid.oidc.authorize;

import java.net.URI;
import java.net.URISyntaxException;
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
 */
public final class RedirectUris {
  private static final Set<String> FORBIDDEN_SCHEMES =
      Set.of("javascript", "data", "vbscript", "file", "about", "blob");

  private RedirectUris() {}

  /** The first registered URI or pattern that {@code candidate} matches, if any. */
  public static Optional<String> match(List<String> registered, String candidate) {
    if (!isAcceptableTarget(candidate)) {
      return Optional.empty();
    }
    for (String pattern : registered) {
      if (matches(pattern, candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code candidate} matches one registered URI or pattern. */
  public static boolean matches(String pattern, String candidate) {
    if (!isAcceptableTarget(candidate)) {
      return false;
    }
    if (!pattern.contains("*")) {
      return pattern.equals(candidate);
    }
    return toRegex(pattern).matcher(candidate).matches();
  }

  /**
   * Whether a URI may be registered: an absolute URI (or a wildcard pattern) without fragment and
   * with an allowed scheme.
   */
  public static boolean isRegistrable(String uri) {
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
        regex.append(inAuthority ? "[^/?#@]*" : "[^#]*");
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

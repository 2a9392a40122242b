package io.pocketid.server.internal.fetch;

import io.pocketid.core.net.IpRange;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * An http or https URL taken apart strictly, for fetching: no user info, a host that is an IP
 * literal (in any IPv4 spelling, see {@link NumericHost}, or a bracketed IPv6 address without zone)
 * or an ASCII host name (an internationalised name must be given in its {@code xn--} form), and a
 * valid port. The authority is parsed here rather than by {@link URI#getHost()}, which gives up on
 * spellings such as {@code 127.1}.
 *
 * @param uri the URL as given
 * @param scheme {@code http} or {@code https}
 * @param host lower case without trailing dot: a host name, an IPv4 address in dotted decimal, or
 *     an IPv6 address without brackets
 * @param port the explicit port or the scheme's default
 * @param literal the address when the host is an IP literal
 */
record HttpUrl(URI uri, String scheme, String host, int port, Optional<InetAddress> literal) {
  private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with the problem, phrased to follow "The URL", e.g. "must use
   *     http or https"
   */
  static HttpUrl parse(String text) {
    try {
      return of(new URI(text.strip()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a valid URL", e);
    }
  }

  /**
   * Checks an already parsed URL; see {@link #parse}.
   *
   * @throws IllegalArgumentException with the problem
   */
  static HttpUrl of(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("must use http or https");
    }
    String authority = uri.getRawAuthority();
    if (uri.isOpaque() || authority == null || authority.isEmpty()) {
      throw new IllegalArgumentException("must name a host");
    }
    if (authority.contains("@")) {
      throw new IllegalArgumentException("must not contain a user name or password");
    }
    int portColon;
    String host;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("has an invalid host");
      }
      host = authority.substring(1, close);
      portColon = close + 1;
      if (portColon < authority.length() && authority.charAt(portColon) != ':') {
        throw new IllegalArgumentException("has an invalid host");
      }
    } else {
      portColon = authority.lastIndexOf(':');
      host = portColon < 0 ? authority : authority.substring(0, portColon);
    }
    boolean hasPort = portColon >= 0 && portColon < authority.length();
    int port = port(scheme, hasPort ? authority.substring(portColon + 1) : "");
    host = host.toLowerCase(Locale.ROOT);
    boolean bracketed = authority.startsWith("[");
    if (!bracketed && host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("must name a host");
    }
    if (bracketed) {
      return new HttpUrl(uri, scheme, host, port, Optional.of(ipv6(host)));
    }
    Optional<InetAddress> v4;
    try {
      v4 = NumericHost.parse(host);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("has an invalid IPv4 address (" + host + ")", e);
    }
    if (v4.isPresent()) {
      return new HttpUrl(uri, scheme, v4.get().getHostAddress(), port, v4);
    }
    if (host.length() > 253 || !host.matches(LABEL + "(?:\\." + LABEL + ")*")) {
      throw new IllegalArgumentException("has an invalid host name (" + host + ")");
    }
    return new HttpUrl(uri, scheme, host, port, Optional.empty());
  }

  /** Whether the host is {@code localhost} or a name under it (RFC 6761: always loopback). */
  boolean isLocalhostName() {
    return literal.isEmpty() && (host.equals("localhost") || host.endsWith(".localhost"));
  }

  /** What the request line asks for: the raw path ({@code /} when empty) and query. */
  String requestTarget() {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  /** The {@code Host} header: the host, bracketed when IPv6, with the port unless the default. */
  String hostHeader() {
    String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == defaultPort(scheme) ? name : name + ":" + port;
  }

  /** Where a relative redirect {@code location} leads from this URL. */
  URI resolve(URI location) {
    URI base = uri;
    if (base.getRawPath() == null || base.getRawPath().isEmpty()) {
      base = base.resolve("/");
    }
    return base.resolve(location);
  }

  private static int port(String scheme, String text) {
    if (text.isEmpty()) {
      return defaultPort(scheme);
    }
    int port = text.matches("[0-9]{1,5}") ? Integer.parseInt(text) : 0;
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("has an invalid port");
    }
    return port;
  }

  private static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }

  private static InetAddress ipv6(String text) {
    try {
      if (text.indexOf(':') < 0) {
        throw new IllegalArgumentException("not IPv6");
      }
      return IpRange.literal(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("has an invalid IPv6 address (" + text + ")", e);
    }
  }
}

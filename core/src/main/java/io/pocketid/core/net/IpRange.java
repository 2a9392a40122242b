package io.pocketid.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * An IPv4 or IPv6 CIDR range, e.g. {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a
 * range of one.
 *
 * @param network the range's address with host bits cleared
 * @param prefixLength 0-32 for IPv4, 0-128 for IPv6
 */
public record IpRange(InetAddress network, int prefixLength) {
  /** Loopback and private networks: where a reverse proxy usually runs. */
  public static final List<IpRange> PRIVATE_NETWORKS =
      List.of(
          parse("127.0.0.0/8"),
          parse("10.0.0.0/8"),
          parse("172.16.0.0/12"),
          parse("192.168.0.0/16"),
          parse("::1/128"),
          parse("fc00::/7"));

  public IpRange {
    Objects.requireNonNull(network, "network");
    if (prefixLength < 0 || prefixLength > network.getAddress().length * 8) {
      throw new IllegalArgumentException("bad prefix length");
    }
  }

  /**
   * Parses {@code address/prefix} or a bare address. Only literal IP text reaches {@link
   * InetAddress}, so no name lookup can happen.
   *
   * @throws IllegalArgumentException when it is not an IP address or CIDR range
   */
  public static IpRange parse(String cidr) {
    int slash = cidr.indexOf('/');
    String address = slash < 0 ? cidr : cidr.substring(0, slash);
    InetAddress parsed = literal(address);
    int bits = parsed.getAddress().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(cidr.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length");
      }
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("bad prefix length");
    }
    return new IpRange(mask(parsed, prefix), prefix);
  }

  /**
   * An IP address literal, parsed without any name lookup.
   *
   * @throws IllegalArgumentException when {@code text} is not an IP literal
   */
  public static InetAddress literal(String text) {
    boolean v6 = text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+");
    boolean v4 = text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    if (!v4 && !v6) {
      throw new IllegalArgumentException("not an IP address");
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address");
    }
  }

  /** Whether {@code address} lies in this range (an IPv4 address never in an IPv6 range). */
  public boolean contains(InetAddress address) {
    return address != null
        && address.getAddress().length == network.getAddress().length
        && network.equals(mask(address, prefixLength));
  }

  /** Whether {@code text}, an IP literal, lies in one of {@code ranges}; false for other text. */
  public static boolean anyContains(List<IpRange> ranges, String text) {
    InetAddress address;
    try {
      address = literal(text);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return ranges.stream().anyMatch(r -> r.contains(address));
  }

  /** {@code address} with the bits after {@code prefix} cleared. */
  public static InetAddress mask(InetAddress address, int prefix) {
    byte[] bytes = address.getAddress();
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      bytes[i] = (byte) (bytes[i] & (0xFF << (8 - keep)));
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }
}

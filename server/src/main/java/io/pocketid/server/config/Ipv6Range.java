package io.pocketid.server.config;

import io.pocketid.core.net.IpRange;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IPv6 CIDR range from {@code LOCAL_IPV6_RANGES}.
 *
 * @param network the range's address with host bits cleared
 * @param prefixLength 0-128
 */
public record Ipv6Range(Inet6Address network, int prefixLength) {
  public Ipv6Range {
    Objects.requireNonNull(network, "network");
    if (prefixLength < 0 || prefixLength > 128) {
      throw new IllegalArgumentException("prefix length must be 0-128");
    }
  }

  /**
   * Parses {@code address/prefix}, e.g. {@code fd00::/8}.
   *
   * @throws IllegalArgumentException when it is not an IPv6 CIDR
   */
  public static Ipv6Range parse(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("missing /prefix");
    }
    String address = cidr.substring(0, slash);
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad prefix length");
    }
    // Only literal IPv6 text reaches InetAddress, so no name lookup can happen.
    if (address.indexOf(':') < 0 || !address.matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException("not an IPv6 address");
    }
    InetAddress parsed;
    try {
      parsed = InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IPv6 address");
    }
    if (!(parsed instanceof Inet6Address inet6) || prefix < 0 || prefix > 128) {
      throw new IllegalArgumentException(
          parsed instanceof Inet6Address ? "bad prefix length" : "not an IPv6 address");
    }
    return new Ipv6Range(mask(inet6, prefix), prefix);
  }

  /** Whether {@code address} lies in this range. */
  public boolean contains(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return false;
    }
    return network.equals(mask((Inet6Address) address, prefixLength));
  }

  private static Inet6Address mask(Inet6Address address, int prefix) {
    return (Inet6Address) IpRange.mask(address, prefix);
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }
}

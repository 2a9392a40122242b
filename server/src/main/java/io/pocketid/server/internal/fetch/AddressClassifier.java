package io.pocketid.server.internal.fetch;

import io.pocketid.core.net.IpRange;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Says whether an IP address must never be fetched from: everything that is not an ordinary public
 * unicast address (loopback, private, link-local and cloud metadata, shared/CGNAT, multicast,
 * broadcast, documentation, benchmarking and other special-purpose ranges of the IANA registries).
 * An IPv6 address that embeds an IPv4 address (IPv4-mapped {@code ::ffff:0:0/96}, IPv4-compatible
 * {@code ::/96}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) is judged by the IPv4 address
 * it carries; Teredo ({@code 2001::/32}) is refused outright because its embedded client address is
 * obfuscated. Any IPv6 address outside global unicast {@code 2000::/3} is refused. A pure function:
 * no name lookup, no connection.
 */
public final class AddressClassifier {
  private record Rule(IpRange range, String reason) {}

  private static final List<Rule> IPV4 =
      List.of(
          rule("0.0.0.0/8", "unspecified (\"this network\")"),
          rule("10.0.0.0/8", "private network"),
          rule("100.64.0.0/10", "shared address space (CGNAT)"),
          rule("127.0.0.0/8", "loopback"),
          rule("169.254.0.0/16", "link-local (cloud metadata)"),
          rule("172.16.0.0/12", "private network"),
          rule("192.0.0.0/24", "IETF protocol assignments"),
          rule("192.0.2.0/24", "documentation"),
          rule("192.88.99.0/24", "6to4 relay anycast"),
          rule("192.168.0.0/16", "private network"),
          rule("198.18.0.0/15", "benchmarking"),
          rule("198.51.100.0/24", "documentation"),
          rule("203.0.113.0/24", "documentation"),
          rule("224.0.0.0/4", "multicast"),
          rule("255.255.255.255/32", "broadcast"),
          rule("240.0.0.0/4", "reserved"));

  private static final List<Rule> IPV6 =
      List.of(
          rule("::/128", "unspecified"),
          rule("::1/128", "loopback"),
          rule("64:ff9b:1::/48", "local-use NAT64"),
          rule("100::/64", "discard-only"),
          rule("2001::/32", "Teredo tunnel"),
          rule("2001:2::/48", "benchmarking"),
          rule("2001:db8::/32", "documentation"),
          rule("3fff::/20", "documentation"),
          rule("fc00::/7", "unique local"),
          rule("fe80::/10", "link-local"),
          rule("fec0::/10", "site-local"),
          rule("ff00::/8", "multicast"));

  private static final IpRange GLOBAL_UNICAST = IpRange.parse("2000::/3");
  private static final IpRange NAT64 = IpRange.parse("64:ff9b::/96");
  private static final IpRange SIX_TO_FOUR = IpRange.parse("2002::/16");

  private AddressClassifier() {}

  /**
   * Why {@code address} must not be fetched from, e.g. {@code "loopback"} or {@code "private
   * network, embedded in a NAT64 address"}; empty when it is an ordinary public address.
   */
  public static Optional<String> forbiddenReason(InetAddress address) {
    if (address instanceof Inet4Address) {
      return match(IPV4, address);
    }
    byte[] bytes = address.getAddress();
    Optional<String> special = match(IPV6, address);
    if (special.isPresent()) {
      return special;
    }
    if (isMapped(bytes)) {
      return embedded(bytes, 12, "an IPv4-mapped");
    }
    if (allZero(bytes, 0, 12)) {
      return embedded(bytes, 12, "an IPv4-compatible")
          .or(() -> Optional.of("deprecated IPv4-compatible address"));
    }
    if (NAT64.contains(address)) {
      return embedded(bytes, 12, "a NAT64");
    }
    if (SIX_TO_FOUR.contains(address)) {
      return embedded(bytes, 2, "a 6to4");
    }
    return GLOBAL_UNICAST.contains(address)
        ? Optional.empty()
        : Optional.of("reserved (outside global unicast 2000::/3)");
  }

  /** Whether {@code address} must not be fetched from; see {@link #forbiddenReason}. */
  public static boolean isForbidden(InetAddress address) {
    return forbiddenReason(address).isPresent();
  }

  private static Optional<String> match(List<Rule> rules, InetAddress address) {
    return rules.stream().filter(r -> r.range().contains(address)).map(Rule::reason).findFirst();
  }

  private static Optional<String> embedded(byte[] bytes, int offset, String kind) {
    InetAddress v4 = ipv4(Arrays.copyOfRange(bytes, offset, offset + 4));
    return match(IPV4, v4)
        .map(reason -> reason + " " + v4.getHostAddress() + ", embedded in " + kind + " address");
  }

  private static boolean isMapped(byte[] bytes) {
    return allZero(bytes, 0, 10) && bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
  }

  private static boolean allZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static InetAddress ipv4(byte[] four) {
    try {
      return InetAddress.getByAddress(four);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Rule rule(String cidr, String reason) {
    return new Rule(IpRange.parse(cidr), reason);
  }
}

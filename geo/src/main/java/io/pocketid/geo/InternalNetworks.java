package io.pocketid.geo;

import io.pocketid.core.audit.GeoLocator.Location;
import io.pocketid.core.net.IpRange;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Addresses that are named without a database lookup, as Pocket ID names them (reference §6.3):
 * {@code LOCAL_IPV6_RANGES} → "Internal Network"/"LAN"; {@code 100.64.0.0/10} (carrier-grade NAT,
 * which Tailscale uses) → "Internal Network"/"Tailscale"; loopback, private, link-local and unique
 * local addresses → "Internal Network"/"LAN".
 */
public final class InternalNetworks {
  public static final String INTERNAL = "Internal Network";

  static final Location LAN = new Location(INTERNAL, "LAN");
  static final Location TAILSCALE = new Location(INTERNAL, "Tailscale");

  private static final IpRange CGNAT = IpRange.parse("100.64.0.0/10");
  private static final List<IpRange> PRIVATE =
      List.of(
          IpRange.parse("10.0.0.0/8"),
          IpRange.parse("172.16.0.0/12"),
          IpRange.parse("192.168.0.0/16"),
          IpRange.parse("169.254.0.0/16"),
          IpRange.parse("fc00::/7"),
          IpRange.parse("fe80::/10"));

  private final List<IpRange> localIpv6Ranges;

  /**
   * @param localIpv6Ranges {@code LOCAL_IPV6_RANGES}: more ranges that are the local network
   */
  public InternalNetworks(List<IpRange> localIpv6Ranges) {
    this.localIpv6Ranges = List.copyOf(localIpv6Ranges);
  }

  /** The internal-network location of {@code address}, or empty when it is a public address. */
  public Optional<Location> classify(InetAddress address) {
    if (localIpv6Ranges.stream().anyMatch(r -> r.contains(address))) {
      return Optional.of(LAN);
    }
    if (CGNAT.contains(address)) {
      return Optional.of(TAILSCALE);
    }
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || PRIVATE.stream().anyMatch(r -> r.contains(address))) {
      return Optional.of(LAN);
    }
    return Optional.empty();
  }
}

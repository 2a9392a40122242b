package io.pocketid.server.config;

import io.pocketid.core.net.IpRange;
import io.pocketid.geo.GeoDatabaseUpdater;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Geolocation and the internal network.
 *
 * @param maxmindLicenseKey {@code MAXMIND_LICENSE_KEY}, empty when unset (a secret: redacted in
 *     {@link #toString()})
 * @param geoliteDbPath {@code GEOLITE_DB_PATH}, a file
 * @param geoliteDbUrl {@code GEOLITE_DB_URL}, {@code %s} stands for the license key
 * @param localIpv6Ranges {@code LOCAL_IPV6_RANGES}: ranges treated as the internal network
 */
public record GeoSettings(
    Optional<String> maxmindLicenseKey,
    Path geoliteDbPath,
    String geoliteDbUrl,
    List<Ipv6Range> localIpv6Ranges) {
  public static final String DEFAULT_GEOLITE_DB_URL = GeoDatabaseUpdater.DEFAULT_URL;

  public GeoSettings {
    Objects.requireNonNull(maxmindLicenseKey, "maxmindLicenseKey");
    Objects.requireNonNull(geoliteDbPath, "geoliteDbPath");
    Objects.requireNonNull(geoliteDbUrl, "geoliteDbUrl");
    localIpv6Ranges = List.copyOf(localIpv6Ranges);
  }

  @Override
  public String toString() {
    return "GeoSettings[maxmindLicenseKey="
        + (maxmindLicenseKey.isPresent() ? "***" : "none")
        + ", geoliteDbPath="
        + geoliteDbPath
        + ", geoliteDbUrl="
        + geoliteDbUrl
        + ", localIpv6Ranges="
        + localIpv6Ranges
        + "]";
  }

  /** {@code LOCAL_IPV6_RANGES} as the geo module takes them. */
  public List<IpRange> localRanges() {
    return localIpv6Ranges.stream().map(r -> new IpRange(r.network(), r.prefixLength())).toList();
  }
}

package io.pocketid.core.audit;

/** Where an IP address is; implemented by the {@code geo} module. */
@FunctionalInterface
public interface GeoLocator {
  /** A locator that knows nothing. */
  GeoLocator NONE = ip -> Location.UNKNOWN;

  /** Never throws; unknown addresses give {@link Location#UNKNOWN}. */
  Location locate(String ipAddress);

  /**
   * A place.
   *
   * @param country nullable
   * @param city nullable
   */
  record Location(String country, String city) {
    public static final Location UNKNOWN = new Location(null, null);
  }
}

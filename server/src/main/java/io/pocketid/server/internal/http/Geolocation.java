package io.pocketid.server.internal.http;

import io.pocketid.geo.GeoDatabaseUpdater;
import io.pocketid.geo.MaxMindGeoLocator;
import io.pocketid.server.config.GeoSettings;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The geolocation the audit log uses: MaxMind's City database at {@code GEOLITE_DB_PATH} (a file,
 * or a directory holding {@code GeoLite2-City.mmdb}), and — with {@code MAXMIND_LICENSE_KEY} or a
 * {@code GEOLITE_DB_URL} of one's own — one download at start-up, on a background thread, when the
 * file is missing or older than 14 days. Periodic refresh and reload belong to the background jobs.
 */
final class Geolocation {
  private Geolocation() {}

  static MaxMindGeoLocator start(GeoSettings settings, Clock clock) {
    Path database = MaxMindGeoLocator.databaseFile(settings.geoliteDbPath());
    MaxMindGeoLocator locator = MaxMindGeoLocator.open(database, settings.localRanges());
    GeoDatabaseUpdater updater =
        new GeoDatabaseUpdater(
            settings.geoliteDbUrl(),
            settings.maxmindLicenseKey(),
            database,
            locator,
            HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build(),
            clock,
            GeoDatabaseUpdater.DEFAULT_MAX_BYTES,
            Duration.ofMinutes(5));
    if (updater.enabled()) {
      Thread thread = new Thread(updater::updateIfStale, "geolite-update");
      thread.setDaemon(true);
      thread.start();
    }
    return locator;
  }
}

package io.pocketid.server.internal.runtime;

import io.pocketid.geo.GeoDatabaseUpdater;
import io.pocketid.geo.MaxMindGeoLocator;
import io.pocketid.server.config.GeoSettings;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The geolocation the audit log uses: MaxMind's City database at {@code GEOLITE_DB_PATH} (a file,
 * or a directory holding {@code GeoLite2-City.mmdb}), and its updater, which downloads it with
 * {@code MAXMIND_LICENSE_KEY} or a {@code GEOLITE_DB_URL} of one's own when it is missing or older
 * than 14 days. {@link BackgroundJobs} runs the updater and reloads a changed file.
 *
 * @param locator what the audit log asks
 * @param updater the download
 */
public record Geolocation(MaxMindGeoLocator locator, GeoDatabaseUpdater updater) {
  /** Opens the database (a missing or broken file is logged, never fatal). */
  public static Geolocation open(GeoSettings settings, Clock clock) {
    Path database = MaxMindGeoLocator.databaseFile(settings.geoliteDbPath());
    MaxMindGeoLocator locator = MaxMindGeoLocator.open(database, settings.localRanges());
    GeoDatabaseUpdater updater =
        new GeoDatabaseUpdater(
            settings.geoliteDbUrl(),
            settings.maxmindLicenseKey(),
            database,
            locator,
            // Made on the first download only: building a client loads the CA certificates.
            () ->
                HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build(),
            clock,
            GeoDatabaseUpdater.DEFAULT_MAX_BYTES,
            Duration.ofMinutes(5));
    return new Geolocation(locator, updater);
  }
}

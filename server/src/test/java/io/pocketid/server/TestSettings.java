package io.pocketid.server;

import io.pocketid.server.config.AppConfigSettings;
import io.pocketid.server.config.AppEnvironment;
import io.pocketid.server.config.DatabaseSettings;
import io.pocketid.server.config.GeoSettings;
import io.pocketid.server.config.HttpSettings;
import io.pocketid.server.config.KeySettings;
import io.pocketid.server.config.KeysStorage;
import io.pocketid.server.config.LogLevel;
import io.pocketid.server.config.LogSettings;
import io.pocketid.server.config.ObservabilitySettings;
import io.pocketid.server.config.PathSettings;
import io.pocketid.server.config.ServerSettings;
import io.pocketid.storage.jdbc.Dialect;
import io.pocketid.storage.jdbc.JdbcSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings for tests: loopback, port 0, everything under one directory. */
final class TestSettings {
  private TestSettings() {}

  static ServerSettings under(Path dir) {
    return new ServerSettings(
        AppEnvironment.TEST,
        new HttpSettings(
            "http://localhost:1411", "http://localhost:1411", "127.0.0.1", 0, false, 10 << 20),
        new DatabaseSettings(
            new JdbcSettings(
                Dialect.SQLITE,
                "jdbc:sqlite:" + dir.resolve("pocket-id.db"),
                null,
                null,
                4,
                Duration.ofSeconds(5))),
        new PathSettings(dir.resolve("uploads"), dir.resolve("keys")),
        new KeySettings(KeysStorage.FILE, null),
        new GeoSettings(
            Optional.empty(),
            dir.resolve("GeoLite2-City.mmdb"),
            GeoSettings.DEFAULT_GEOLITE_DB_URL,
            List.of()),
        new LogSettings(LogLevel.INFO, false),
        new ObservabilitySettings(false, false, false),
        AppConfigSettings.editable());
  }
}

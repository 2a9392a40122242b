package io.pocketid.server.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.LoginCode;
import io.pocketid.core.model.User;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.server.config.GeoSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One tick of the server's background work, driven directly (no waiting for the timer). */
class BackgroundJobsTest {
  @TempDir Path dir;

  @Test
  void aTickDeletesExpiredRowsAndReloadsAChangedGeolocationFile() throws Exception {
    Instant now = Instant.parse("2026-12-06T10:00:00Z");
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    InMemoryStorage storage = new InMemoryStorage();
    User alice =
        new User(
            UUID.randomUUID().toString(),
            now,
            "alice",
            "alice@example.com",
            "A",
            "L",
            "A L",
            false,
            null,
            null,
            false);
    storage.users().create(alice);
    storage
        .loginCodes()
        .save(
            new LoginCode(
                "1",
                TokenHasher.hash("gone"),
                now.minusSeconds(60),
                now.minusSeconds(1),
                alice.id()));
    Path database = dir.resolve("GeoLite2-City.mmdb");
    Geolocation geo =
        Geolocation.open(
            new GeoSettings(
                Optional.empty(), database, GeoSettings.DEFAULT_GEOLITE_DB_URL, List.of()),
            clock);
    BackgroundJobs jobs =
        new BackgroundJobs(storage, geo, clock, java.time.Duration.ofDays(90), java.util.List.of());
    try (var in =
        getClass().getResourceAsStream("/io/pocketid/server/geo/GeoLite2-City-Test.mmdb")) {
      Files.write(database, in.readAllBytes());
    }

    jobs.tick();

    assertThat(storage.loginCodes().deleteExpired(now)).isZero();
    assertThat(storage.keyValues().get("job.last.delete-expired"))
        .contains(Long.toString(now.toEpochMilli()));
    assertThat(geo.locator().locate("81.2.69.142").city()).isEqualTo("London");
    storage.close();
  }

  @Test
  void aTickSurvivesABrokenStore() {
    Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
    InMemoryStorage storage = new InMemoryStorage();
    Geolocation geo =
        Geolocation.open(
            new GeoSettings(
                Optional.empty(),
                dir.resolve("none.mmdb"),
                GeoSettings.DEFAULT_GEOLITE_DB_URL,
                List.of()),
            clock);
    BackgroundJobs jobs =
        new BackgroundJobs(storage, geo, clock, java.time.Duration.ofDays(90), java.util.List.of());
    storage.close();

    jobs.tick();
    jobs.tick();

    assertThat(geo.locator().loaded()).isFalse();
  }
}

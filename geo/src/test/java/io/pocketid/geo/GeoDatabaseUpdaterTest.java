package io.pocketid.geo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pocketid.core.audit.GeoLocator.Location;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download, against a loopback HTTP server that serves MaxMind-shaped archives. */
class GeoDatabaseUpdaterTest {
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  @TempDir Path dir;
  private HttpServer server;
  private final AtomicReference<byte[]> served = new AtomicReference<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicReference<String> lastQuery = new AtomicReference<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/geoip_download",
        exchange -> {
          requests.incrementAndGet();
          lastQuery.set(exchange.getRequestURI().getRawQuery());
          byte[] body = served.get();
          exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
          if (body != null) {
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:"
        + server.getAddress().getPort()
        + "/geoip_download?edition_id=GeoLite2-City&license_key=%s&suffix=tar.gz";
  }

  private GeoDatabaseUpdater updater(Path target, MaxMindGeoLocator locator, long maxBytes) {
    return new GeoDatabaseUpdater(
        url(),
        Optional.of("secret-licence"),
        target,
        locator,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        Clock.fixed(NOW, ZoneOffset.UTC),
        maxBytes,
        Duration.ofSeconds(10));
  }

  /** A tar.gz like MaxMind's: a directory entry, a licence file, then the database. */
  static byte[] archive(byte[] database) throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    entry(tar, "GeoLite2-City_20261201/", '5', new byte[0]);
    entry(
        tar, "GeoLite2-City_20261201/LICENSE.txt", '0', "licence".getBytes(StandardCharsets.UTF_8));
    entry(tar, "GeoLite2-City_20261201/GeoLite2-City.mmdb", '0', database);
    tar.write(new byte[1024]);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar.toByteArray());
    }
    return gz.toByteArray();
  }

  private static void entry(ByteArrayOutputStream tar, String name, char type, byte[] content)
      throws IOException {
    byte[] header = new byte[512];
    byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
    byte[] size = String.format("%011o", content.length).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(size, 0, header, 124, size.length);
    header[156] = (byte) type;
    tar.write(header);
    tar.write(content);
    tar.write(new byte[(512 - content.length % 512) % 512]);
  }

  @Test
  void aMissingDatabaseIsDownloadedVerifiedAndLoaded() throws IOException {
    Path target = dir.resolve("GeoLite2-City.mmdb");
    served.set(archive(TestDatabases.bytes(TestDatabases.CITY)));
    try (MaxMindGeoLocator locator = MaxMindGeoLocator.open(target, List.of())) {
      assertThat(updater(target, locator, 10_000_000).updateIfStale())
          .isEqualTo(GeoDatabaseUpdater.Outcome.UPDATED);

      assertThat(Files.readAllBytes(target)).isEqualTo(TestDatabases.bytes(TestDatabases.CITY));
      assertThat(locator.locate("81.2.69.142")).isEqualTo(new Location("United Kingdom", "London"));
      assertThat(lastQuery.get()).contains("license_key=secret-licence");
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactly("GeoLite2-City.mmdb");
      }
    }
  }

  @Test
  void aDatabaseYoungerThanFourteenDaysIsNotDownloadedAgain() throws IOException {
    Path target = TestDatabases.copy(TestDatabases.CITY, dir.resolve("GeoLite2-City.mmdb"));
    Files.setLastModifiedTime(target, FileTime.from(NOW.minus(Duration.ofDays(13))));
    served.set(archive(TestDatabases.bytes(TestDatabases.CITY)));
    try (MaxMindGeoLocator locator = MaxMindGeoLocator.open(target, List.of())) {
      assertThat(updater(target, locator, 10_000_000).updateIfStale())
          .isEqualTo(GeoDatabaseUpdater.Outcome.FRESH);
      assertThat(requests.get()).isZero();

      Files.setLastModifiedTime(target, FileTime.from(NOW.minus(Duration.ofDays(15))));
      assertThat(updater(target, locator, 10_000_000).updateIfStale())
          .isEqualTo(GeoDatabaseUpdater.Outcome.UPDATED);
      assertThat(requests.get()).isEqualTo(1);
    }
  }

  @Test
  void aCorruptOrOversizedOrMissingDownloadLeavesTheOldFileInPlace() throws IOException {
    Path target = TestDatabases.copy(TestDatabases.CITY, dir.resolve("GeoLite2-City.mmdb"));
    Files.setLastModifiedTime(target, FileTime.from(NOW.minus(Duration.ofDays(30))));
    byte[] before = Files.readAllBytes(target);
    try (MaxMindGeoLocator locator = MaxMindGeoLocator.open(target, List.of())) {
      served.set(archive(TestDatabases.bytes(TestDatabases.BROKEN_NODES)));
      assertThat(updater(target, locator, 10_000_000).updateIfStale())
          .isEqualTo(GeoDatabaseUpdater.Outcome.FAILED);

      served.set(archive(TestDatabases.bytes(TestDatabases.CITY)));
      assertThat(updater(target, locator, 1_000).updateIfStale())
          .isEqualTo(GeoDatabaseUpdater.Outcome.FAILED);

      served.set(null);
      assertThat(updater(target, locator, 10_000_000).updateIfStale())
          .isEqualTo(GeoDatabaseUpdater.Outcome.FAILED);

      served.set("no archive".getBytes(StandardCharsets.UTF_8));
      assertThat(updater(target, locator, 10_000_000).updateIfStale())
          .isEqualTo(GeoDatabaseUpdater.Outcome.FAILED);

      assertThat(Files.readAllBytes(target)).isEqualTo(before);
      assertThat(locator.locate("81.2.69.142").city()).isEqualTo("London");
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactly("GeoLite2-City.mmdb");
      }
    }
  }

  @Test
  void withoutALicenceKeyOrOwnUrlNothingIsDownloaded() {
    Path target = dir.resolve("GeoLite2-City.mmdb");
    try (MaxMindGeoLocator locator = MaxMindGeoLocator.open(target, List.of())) {
      GeoDatabaseUpdater disabled =
          new GeoDatabaseUpdater(
              GeoDatabaseUpdater.DEFAULT_URL,
              Optional.empty(),
              target,
              locator,
              HttpClient.newHttpClient(),
              Clock.fixed(NOW, ZoneOffset.UTC),
              10_000_000,
              Duration.ofSeconds(1));
      assertThat(disabled.enabled()).isFalse();
      assertThat(disabled.updateIfStale()).isEqualTo(GeoDatabaseUpdater.Outcome.DISABLED);
      assertThat(Files.exists(target)).isFalse();
    }
  }
}

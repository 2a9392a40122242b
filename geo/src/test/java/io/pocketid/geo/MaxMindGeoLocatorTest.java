package io.pocketid.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.audit.GeoLocator.Location;
import io.pocketid.core.net.IpRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaxMindGeoLocatorTest {
  @TempDir Path dir;

  private MaxMindGeoLocator city() {
    return MaxMindGeoLocator.open(
        TestDatabases.copy(TestDatabases.CITY, dir.resolve("GeoLite2-City.mmdb")), List.of());
  }

  @Test
  void publicAddressesGetCountryAndCity() {
    try (MaxMindGeoLocator locator = city()) {
      assertThat(locator.locate("81.2.69.142")).isEqualTo(new Location("United Kingdom", "London"));
      assertThat(locator.locate("89.160.20.112")).isEqualTo(new Location("Sweden", "Linköping"));
      assertThat(locator.locate("2001:218::1")).isEqualTo(new Location("Japan", null));
    }
  }

  @Test
  void internalNetworksAreNamedWithoutALookup() {
    try (MaxMindGeoLocator locator =
        MaxMindGeoLocator.open(
            TestDatabases.copy(TestDatabases.CITY, dir.resolve("city.mmdb")),
            List.of(IpRange.parse("2001:db8::/32")))) {
      Location lan = new Location("Internal Network", "LAN");
      assertThat(locator.locate("127.0.0.1")).isEqualTo(lan);
      assertThat(locator.locate("10.1.2.3")).isEqualTo(lan);
      assertThat(locator.locate("172.20.0.5")).isEqualTo(lan);
      assertThat(locator.locate("192.168.1.10")).isEqualTo(lan);
      assertThat(locator.locate("::1")).isEqualTo(lan);
      assertThat(locator.locate("fd00::5")).isEqualTo(lan);
      assertThat(locator.locate("2001:db8::7")).isEqualTo(lan);
      assertThat(locator.locate("100.100.1.1"))
          .isEqualTo(new Location("Internal Network", "Tailscale"));
    }
  }

  @Test
  void unknownAndNonLiteralAddressesAreUnknownWithoutALookup() {
    try (MaxMindGeoLocator locator = city()) {
      assertThat(locator.locate("203.0.113.9")).isEqualTo(Location.UNKNOWN);
      assertThat(locator.locate("localhost")).isEqualTo(Location.UNKNOWN);
      assertThat(locator.locate("example.com")).isEqualTo(Location.UNKNOWN);
      assertThat(locator.locate(null)).isEqualTo(Location.UNKNOWN);
      assertThat(locator.locate("")).isEqualTo(Location.UNKNOWN);
    }
  }

  @Test
  void aMissingDatabaseIsNoErrorAndStillNamesInternalNetworks() {
    try (MaxMindGeoLocator locator =
        MaxMindGeoLocator.open(dir.resolve("absent.mmdb"), List.of())) {
      assertThat(locator.loaded()).isFalse();
      assertThat(locator.locate("81.2.69.142")).isEqualTo(Location.UNKNOWN);
      assertThat(locator.locate("10.0.0.1")).isEqualTo(new Location("Internal Network", "LAN"));
    }
  }

  @Test
  void brokenDatabasesAreRefusedAtLoadNamingTheFileAndLookupsGoOn() throws Exception {
    for (String broken :
        List.of(TestDatabases.BROKEN_DOUBLE, TestDatabases.BROKEN_NODES, "not-a-database")) {
      Path file = dir.resolve(broken);
      if (broken.endsWith(".mmdb")) {
        TestDatabases.copy(broken, file);
      } else {
        Files.writeString(file, "this is not a MaxMind database");
      }
      assertThatThrownBy(() -> MaxMindGeoLocator.openChecked(file))
          .isInstanceOf(GeoDatabaseException.class)
          .hasMessageContaining(file.toString());
      try (MaxMindGeoLocator locator = MaxMindGeoLocator.open(file, List.of())) {
        assertThat(locator.loaded()).isFalse();
        assertThat(locator.locate("81.2.69.142")).isEqualTo(Location.UNKNOWN);
        assertThat(locator.locate("10.0.0.1")).isEqualTo(new Location("Internal Network", "LAN"));
      }
    }
  }

  @Test
  void aChangedFileIsReloadedAndABrokenReplacementKeepsTheLastGoodOne() throws Exception {
    Path file = dir.resolve("GeoLite2-City.mmdb");
    try (MaxMindGeoLocator locator = MaxMindGeoLocator.open(file, List.of())) {
      assertThat(locator.reloadIfChanged()).isFalse();

      TestDatabases.copy(TestDatabases.CITY, file);
      assertThat(locator.reloadIfChanged()).isTrue();
      assertThat(locator.locate("81.2.69.142").city()).isEqualTo("London");
      assertThat(locator.reloadIfChanged()).isFalse();

      Path broken = dir.resolve("broken.tmp");
      TestDatabases.copy(TestDatabases.BROKEN_DOUBLE, broken);
      Files.move(broken, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertThat(locator.reloadIfChanged()).isFalse();
      assertThat(locator.locate("81.2.69.142").city()).isEqualTo("London");
    }
  }

  @Test
  void reloadSwapsInANewFileAndKeepsTheOldOneWhenTheNewIsBroken() throws Exception {
    Path file = dir.resolve("GeoLite2-City.mmdb");
    try (MaxMindGeoLocator locator = MaxMindGeoLocator.open(file, List.of())) {
      assertThat(locator.locate("81.2.69.142")).isEqualTo(Location.UNKNOWN);

      TestDatabases.copy(TestDatabases.CITY, file);
      locator.reload();
      assertThat(locator.locate("81.2.69.142").city()).isEqualTo("London");

      Path broken = dir.resolve("broken.mmdb");
      TestDatabases.copy(TestDatabases.BROKEN_DOUBLE, broken);
      Files.move(broken, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertThatThrownBy(locator::reload).isInstanceOf(GeoDatabaseException.class);
      assertThat(locator.locate("81.2.69.142").city()).isEqualTo("London");
    }
  }

  @Test
  void aDirectoryAsDatabasePathMeansTheCityFileInsideIt() throws Exception {
    Path directory = Files.createDirectory(dir.resolve("geolite"));
    Path file = MaxMindGeoLocator.databaseFile(directory);
    TestDatabases.copy(TestDatabases.CITY, file);

    assertThat(file).isEqualTo(directory.resolve("GeoLite2-City.mmdb"));
    assertThat(MaxMindGeoLocator.databaseFile(file)).isEqualTo(file);
    try (MaxMindGeoLocator locator = MaxMindGeoLocator.open(file, List.of())) {
      assertThat(locator.locate("81.2.69.142").city()).isEqualTo("London");
    }
  }
}

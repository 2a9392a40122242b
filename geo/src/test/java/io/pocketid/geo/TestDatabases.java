package io.pocketid.geo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** MaxMind's test databases (MIT, see LICENSE-MIT beside them), copied to a directory. */
final class TestDatabases {
  static final String CITY = "GeoLite2-City-Test.mmdb";
  static final String BROKEN_DOUBLE = "GeoIP2-City-Test-Broken-Double-Format.mmdb";
  static final String BROKEN_NODES = "GeoIP2-City-Test-Invalid-Node-Count.mmdb";

  private TestDatabases() {}

  static byte[] bytes(String name) {
    try (InputStream in = TestDatabases.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path copy(String name, Path target) {
    try {
      Files.write(target, bytes(name));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

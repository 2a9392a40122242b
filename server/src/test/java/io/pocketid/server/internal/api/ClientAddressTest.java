package io.pocketid.server.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.server.PocketIdServer;
import io.pocketid.server.config.EnvironmentConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log's client address: proxy headers count only with TRUST_PROXY. */
class ClientAddressTest {
  @TempDir Path data;

  private AuditEvent auditedSetup(boolean trustProxy) {
    return auditedSetup(
        Map.of("TRUST_PROXY", String.valueOf(trustProxy), "HOST", "127.0.0.1"),
        "203.0.113.9, 10.0.0.1");
  }

  private AuditEvent auditedSetup(Map<String, String> env, String forwardedFor) {
    InMemoryStorage storage = new InMemoryStorage();
    PocketIdServer server =
        PocketIdServer.builder()
            .settings(EnvironmentConfig.load(env))
            .port(0)
            .dataDirectory(data)
            .storage(storage)
            .build();
    server.start();
    try {
      server.ready().join();
      Client client = new Client("http://127.0.0.1:" + server.port());
      client.json(
          "POST",
          "/api/signup/setup",
          "{\"username\":\"ada\",\"email\":\"ada@example.com\",\"firstName\":\"Ada\"}",
          Map.of("X-Forwarded-For", forwardedFor, "User-Agent", "test-agent"));
      return storage.auditLog().list(null, PageRequest.of(1, 10)).items().get(0);
    } finally {
      server.stop();
    }
  }

  @Test
  void auditWhenTrustProxyThenFirstForwardedAddress() {
    AuditEvent event = auditedSetup(true);
    assertThat(event.ipAddress()).isEqualTo("203.0.113.9");
    assertThat(event.userAgent()).isEqualTo("test-agent");
  }

  @Test
  void forgedLeftmostEntryIsIgnoredBehindAnAppendingProxy() {
    // The client sent "X-Forwarded-For: 198.51.100.7"; its proxy appended what it saw.
    AuditEvent event =
        auditedSetup(
            Map.of("TRUST_PROXY", "true", "HOST", "127.0.0.1"),
            "198.51.100.7, 203.0.113.9, 10.0.0.1");

    assertThat(event.ipAddress()).isEqualTo("203.0.113.9");
  }

  @Test
  void configuredTrustedProxiesAreSkippedFromTheRight() {
    AuditEvent event =
        auditedSetup(
            Map.of("TRUST_PROXY", "true", "HOST", "127.0.0.1", "TRUSTED_PROXIES", "203.0.113.0/24"),
            "198.51.100.7, 192.0.2.44, 203.0.113.9");

    assertThat(event.ipAddress()).isEqualTo("192.0.2.44");
  }

  @Test
  void garbageInTheRightmostEntryFallsBackToTheConnection() {
    AuditEvent event =
        auditedSetup(Map.of("TRUST_PROXY", "true", "HOST", "127.0.0.1"), "203.0.113.9, ,");

    assertThat(event.ipAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void invalidTrustedProxiesNameTheVariable() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> EnvironmentConfig.load(Map.of("TRUSTED_PROXIES", "10.0.0.0/8, example.com")))
        .hasMessageContaining("TRUSTED_PROXIES")
        .hasMessageContaining("example.com");
  }

  @Test
  void auditedSignInFromAForwardedPublicAddressIsLocated() throws Exception {
    // Issue 14's check: MaxMind's test database, TRUST_PROXY, X-Forwarded-For: 81.2.69.142.
    Path database = data.resolve("GeoLite2-City.mmdb");
    try (var in =
        getClass().getResourceAsStream("/io/pocketid/server/geo/GeoLite2-City-Test.mmdb")) {
      java.nio.file.Files.write(database, in.readAllBytes());
    }
    AuditEvent event =
        auditedSetup(
            Map.of(
                "TRUST_PROXY", "true",
                "HOST", "127.0.0.1",
                "GEOLITE_DB_PATH", database.toString()),
            "81.2.69.142");

    assertThat(event.ipAddress()).isEqualTo("81.2.69.142");
    assertThat(event.country()).isEqualTo("United Kingdom");
    assertThat(event.city()).isEqualTo("London");
  }

  @Test
  void auditFromTheLocalNetworkIsNamedWithoutADatabase() {
    AuditEvent event = auditedSetup(false);

    assertThat(event.country()).isEqualTo("Internal Network");
    assertThat(event.city()).isEqualTo("LAN");
  }

  @Test
  void auditWhenProxyNotTrustedThenConnectionAddress() {
    assertThat(auditedSetup(false).ipAddress()).isEqualTo("127.0.0.1");
  }
}

package io.pocketid.server.internal.oidc;

import static io.pocketid.server.internal.oidc.OidcTestServer.CLIENT_ID;
import static io.pocketid.server.internal.oidc.OidcTestServer.CLIENT_SECRET;
import static io.pocketid.server.internal.oidc.OidcTestServer.basic;
import static io.pocketid.server.internal.oidc.OidcTestServer.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.server.PocketIdServer;
import io.pocketid.server.config.EnvironmentConfig;
import io.pocketid.server.internal.auth.ClientAuthThrottle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Security finding 10: failed client authentication is limited per address and per client. */
class ClientAuthThrottleHttpTest {
  @TempDir Path dir;

  @Test
  void anAddressThatKeepsFailingGets429WithRetryAfterBeforeAnySecretIsChecked() {
    try (OidcTestServer op = new OidcTestServer(dir)) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < ClientAuthThrottle.ADDRESS_BURST; i++) {
        statuses.add(clientCredentials(op, basic(CLIENT_ID, "wrong-" + i)).statusCode());
      }
      HttpResponse<String> blocked = clientCredentials(op, basic(CLIENT_ID, "wrong-again"));
      HttpResponse<String> otherClient = clientCredentials(op, basic("someone-else", "x"));
      HttpResponse<String> introspect =
          op.postForm("/api/oidc/introspect", form("token", "x"), "Authorization", basic("a", "b"));

      assertThat(statuses).containsOnly(401);
      for (HttpResponse<String> response : List.of(blocked, otherClient, introspect)) {
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(response.headers().firstValue("retry-after").orElseThrow()))
            .isBetween(1, 6);
        assertThat(response.body()).contains("too many failed client authentications");
      }
    }
  }

  @Test
  void aCorrectSecretSpendsNothing() {
    try (OidcTestServer op = new OidcTestServer(dir)) {
      for (int i = 0; i < ClientAuthThrottle.ADDRESS_BURST * 2; i++) {
        assertThat(clientCredentials(op, basic(CLIENT_ID, CLIENT_SECRET)).statusCode())
            .isEqualTo(200);
      }
    }
  }

  @Test
  void aClientIdUnderAttackFromManyAddressesIsLimitedToo() throws Exception {
    InMemoryStorage storage = new InMemoryStorage();
    storage
        .clients()
        .create(OidcTestServer.client(CLIENT_ID, List.of("https://rp.example/cb"), false));
    storage
        .clients()
        .create(OidcTestServer.client("bystander", List.of("https://rp.example/cb"), false));
    PocketIdServer server =
        PocketIdServer.builder()
            .settings(
                EnvironmentConfig.load(
                    Map.of("TRUST_PROXY", "true", "TRUSTED_PROXIES", "127.0.0.1")))
            .host("127.0.0.1")
            .port(0)
            .dataDirectory(dir)
            .storage(storage)
            .build();
    server.start();
    try {
      server.ready().join();
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      // Wrong secrets from ever new addresses (5 each, within every address budget) until the
      // client's own budget is spent.
      int lastStatus = 0;
      for (int attempt = 0; attempt < 100 && lastStatus != 429; attempt++) {
        String address = "198.51.100." + (1 + attempt / 5);
        lastStatus = token(http, base, address, basic(CLIENT_ID, "wrong")).statusCode();
        assertThat(lastStatus).isIn(401, 429);
      }
      assertThat(lastStatus).isEqualTo(429);

      HttpResponse<String> fromFreshAddress =
          token(http, base, "203.0.113.77", basic(CLIENT_ID, CLIENT_SECRET));
      HttpResponse<String> bystander =
          token(http, base, "203.0.113.77", basic("bystander", CLIENT_SECRET));

      assertThat(fromFreshAddress.statusCode()).isEqualTo(429);
      assertThat(fromFreshAddress.headers().firstValue("retry-after")).isPresent();
      assertThat(bystander.statusCode()).isEqualTo(200);
    } finally {
      server.stop();
    }
  }

  private static HttpResponse<String> clientCredentials(OidcTestServer op, String authorization) {
    return op.postForm(
        "/api/oidc/token",
        form("grant_type", "client_credentials"),
        "Authorization",
        authorization);
  }

  private static HttpResponse<String> token(
      HttpClient http, String base, String forwardedFor, String authorization) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/api/oidc/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", authorization)
            .header("X-Forwarded-For", forwardedFor)
            .POST(HttpRequest.BodyPublishers.ofString(form("grant_type", "client_credentials")))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

package io.pocketid.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.store.memory.InMemoryStorage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server as a library: configured in code, writing nothing it was not told to write. */
class EmbeddingTest {
  @TempDir Path dir;
  private PocketIdServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private Http start(PocketIdServer built) {
    server = built;
    server.start();
    server.ready().join();
    return new Http(server.port());
  }

  @Test
  void aBareServerOnAFreePortNamesThatPortEverywhereAndWritesNoFile() throws Exception {
    boolean dataBefore = Files.exists(Path.of("data"));

    Http http = start(PocketIdServer.builder().host("127.0.0.1").port(0).build());

    HttpResponse<String> discovery = http.get("/.well-known/openid-configuration");
    String issuer = "http://localhost:" + server.port();
    assertThat(discovery.statusCode()).isEqualTo(200);
    assertThat(discovery.body())
        .contains("\"issuer\":\"" + issuer + "\"")
        .contains("\"jwks_uri\":\"" + issuer + "/.well-known/jwks.json\"");
    assertThat(server.settings().http().appUrl()).isEqualTo(issuer);
    assertThat(http.get("/.well-known/jwks.json").body()).contains("\"kid\"");
    assertThat(Files.exists(Path.of("data"))).isEqualTo(dataBefore);
  }

  @Test
  void keysInADirectoryAreWrittenThereAndNowhereElse() throws Exception {
    Path keys = dir.resolve("my-keys");

    start(
        PocketIdServer.builder()
            .host("127.0.0.1")
            .port(0)
            .storage(new InMemoryStorage())
            .keysIn(keys, null)
            .build());

    assertThat(Files.readString(keys.resolve("jwt_private_key.json"), StandardCharsets.UTF_8))
        .contains("\"d\"");
    assertThat(dir.resolve("uploads")).doesNotExist();
  }

  @Test
  void keysInTheDatabaseAreStoredEncryptedAndNoKeyFileIsWritten() {
    InMemoryStorage storage = new InMemoryStorage();

    start(
        PocketIdServer.builder()
            .host("127.0.0.1")
            .port(0)
            .storage(storage)
            .keysInDatabase("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8))
            .build());

    assertThat(storage.signingKeys().listPublished(Instant.now()))
        .singleElement()
        .satisfies(key -> assertThat(key.encrypted()).isTrue());
  }
}

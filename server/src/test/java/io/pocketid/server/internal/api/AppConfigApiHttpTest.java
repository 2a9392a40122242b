package io.pocketid.server.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.store.Storage;
import io.pocketid.server.PocketIdServer;
import io.pocketid.storage.jdbc.ConnectionStrings;
import io.pocketid.storage.jdbc.JdbcStorage;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application configuration API over HTTP against the real server on SQLite. */
class AppConfigApiHttpTest {
  private static final String SETUP =
      "{\"username\":\"ada\",\"email\":\"ada@example.com\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"}";

  @TempDir Path data;
  private Storage storage;
  private PocketIdServer server;
  private String base;
  private Client admin;

  @BeforeEach
  void start() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    base = "http://localhost:" + port;
    storage =
        JdbcStorage.open(ConnectionStrings.parse("sqlite", data.resolve("db.sqlite").toString()));
    server =
        PocketIdServer.builder()
            .port(port)
            .host("127.0.0.1")
            .appUrl(base)
            .dataDirectory(data)
            .storage(storage)
            .build();
    server.start();
    server.ready().join();
    admin = new Client(base);
    assertThat(admin.json("POST", "/api/signup/setup", SETUP).statusCode()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void anyoneReadsThePublicSettingsAndNoOthers() {
    HttpResponse<String> response = new Client(base).get("/api/application-configuration");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("{\"key\":\"appName\",\"type\":\"\",\"value\":\"Pocket ID\"}")
        .contains("{\"key\":\"uiConfigDisabled\",\"type\":\"boolean\",\"value\":\"false\"}")
        .doesNotContain("smtpHost")
        .doesNotContain("sessionDuration");
  }

  @Test
  void onlyAnAdminReadsOrChangesAllSettings() {
    Client anonymous = new Client(base);

    assertThat(anonymous.get("/api/application-configuration/all").statusCode()).isEqualTo(401);
    assertThat(
            anonymous
                .json("PUT", "/api/application-configuration", "{\"appName\":\"Mine\"}")
                .statusCode())
        .isEqualTo(401);
    assertThat(storage.appConfig().loadAll()).doesNotContainKey("appName");
  }

  @Test
  void aChangeTakesEffectAtOnceAndASecretIsNeverSentBack() {
    HttpResponse<String> put =
        admin.json(
            "PUT",
            "/api/application-configuration",
            "{\"appName\":\"Acme ID\",\"smtpHost\":\"mail.example.com\",\"smtpPassword\":\"s3cret\"}");

    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(put.body())
        .contains(
            "{\"key\":\"smtpPassword\",\"type\":\"\",\"value\":\"XXXXXXXXXX\",\"isPublic\":false}")
        .doesNotContain("s3cret");
    assertThat(new Client(base).get("/api/application-configuration").body())
        .contains("\"value\":\"Acme ID\"");
    assertThat(new Client(base).get("/login").body()).contains("Acme ID");
    assertThat(admin.get("/api/application-configuration/all").body()).doesNotContain("s3cret");

    admin.json(
        "PUT",
        "/api/application-configuration",
        "{\"smtpPassword\":\"XXXXXXXXXX\",\"appName\":\"\"}");
    assertThat(storage.appConfig().loadAll())
        .containsEntry("smtpPassword", "s3cret")
        .containsEntry("smtpHost", "mail.example.com")
        .doesNotContainKey("appName");
  }

  @Test
  void badValuesAreRefusedByNameAndNothingIsSaved() {
    HttpResponse<String> put =
        admin.json(
            "PUT",
            "/api/application-configuration",
            "{\"appName\":\"Fine\",\"smtpPort\":\"70000\",\"allowUserSignups\":\"sometimes\","
                + "\"sessionDuration\":\"-1\",\"smtpFrom\":\"not-an-address\",\"nope\":\"1\"}");

    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.body())
        .contains("SmtpPort must be a port number (1-65535)")
        .contains("AllowUserSignups must be one of disabled, withToken, open")
        .contains("SessionDuration must be a whole number greater than 0")
        .contains("SmtpFrom must be a valid email address")
        .contains("nope is not a setting");
    assertThat(storage.appConfig().loadAll()).doesNotContainKeys("appName", "smtpPort");
    HttpResponse<String> notAString =
        admin.json("PUT", "/api/application-configuration", "{\"sessionDuration\":30}");
    assertThat(notAString.statusCode()).isEqualTo(400);
    assertThat(notAString.body()).contains("sessionDuration must be a string");
  }
}

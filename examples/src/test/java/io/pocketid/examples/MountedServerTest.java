package io.pocketid.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pocket ID mounted at {@code /auth} of another Undertow application. */
class MountedServerTest {
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private MountedServer server;
  private String origin;

  @BeforeEach
  void start() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    origin = "http://127.0.0.1:" + port;
    server = new MountedServer(port);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(origin + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theHostKeepsItsPathsAndPocketIdAnswersUnderAuth() throws Exception {
    assertThat(get("/").body()).isEqualTo("The host application");
    HttpResponse<String> discovery = get("/auth/.well-known/openid-configuration");
    assertThat(discovery.statusCode()).isEqualTo(200);
    assertThat(discovery.body())
        .contains("\"issuer\":\"" + server.issuer() + "\"")
        .contains("\"jwks_uri\":\"" + server.issuer() + "/.well-known/jwks.json\"");
    assertThat(get("/auth/.well-known/jwks.json").body()).contains("\"keys\"");
    HttpResponse<String> account = get("/auth/settings/account");
    assertThat(account.statusCode()).isEqualTo(302);
    assertThat(account.headers().firstValue("location"))
        .hasValue("/auth/login?redirect=%2Fsettings%2Faccount");
    HttpResponse<String> login = get("/auth/login");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body())
        .contains("src=\"/auth/static/app.js?v=")
        .contains("data-base=\"/auth\"");
    assertThat(get("/auth/static/app.js").statusCode()).isEqualTo(200);
  }
}

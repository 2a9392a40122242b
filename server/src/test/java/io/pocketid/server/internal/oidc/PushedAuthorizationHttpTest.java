package io.pocketid.server.internal.oidc;

import static io.pocketid.server.internal.oidc.OidcTestServer.CLIENT_ID;
import static io.pocketid.server.internal.oidc.OidcTestServer.CLIENT_SECRET;
import static io.pocketid.server.internal.oidc.OidcTestServer.REDIRECT;
import static io.pocketid.server.internal.oidc.OidcTestServer.basic;
import static io.pocketid.server.internal.oidc.OidcTestServer.form;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushed Authorization Requests (RFC 9126) over HTTP. */
class PushedAuthorizationHttpTest {
  @TempDir Path dir;
  private OidcTestServer op;

  @BeforeEach
  void start() {
    op = new OidcTestServer(dir);
  }

  @AfterEach
  void stop() {
    op.close();
  }

  private HttpResponse<String> push(String secret, String... extra) {
    String body =
        form(
            "redirect_uri",
            REDIRECT,
            "response_type",
            "code",
            "scope",
            "openid email",
            "state",
            "pushed-state",
            "prompt",
            "none");
    if (extra.length > 0) {
      body += "&" + form(extra);
    }
    return op.postForm("/api/oidc/par", body, "Authorization", basic(CLIENT_ID, secret));
  }

  private static JsonObject json(HttpResponse<String> response) {
    return Json.createReader(new StringReader(response.body())).readObject();
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("RFC 9126 §2.2: a valid push gets 201 with a request_uri and expires_in")
  void pushWhenValidThen201WithRequestUri() {
    HttpResponse<String> response = push(CLIENT_SECRET);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(json(response).getString("request_uri"))
        .startsWith("urn:ietf:params:oauth:request_uri:");
    assertThat(json(response).getInt("expires_in")).isEqualTo(600);
    assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
  }

  @Test
  @DisplayName("RFC 9126 §4: /authorize uses only the pushed parameters")
  void authorizeWithRequestUriThenPushedParametersApply() {
    String requestUri = json(push(CLIENT_SECRET)).getString("request_uri");
    HttpResponse<String> response =
        op.get(
            "/authorize?client_id="
                + enc(CLIENT_ID)
                + "&request_uri="
                + enc(requestUri)
                + "&state=from-the-query&prompt=login");
    assertThat(response.statusCode()).isEqualTo(302);
    Map<String, String> q = OidcTestServer.query(response.headers().firstValue("location").get());
    assertThat(response.headers().firstValue("location").get()).startsWith(REDIRECT);
    assertThat(q).containsEntry("error", "login_required").containsEntry("state", "pushed-state");
  }

  @Test
  @DisplayName("RFC 9126 §2.1 and §2.3: client authentication and validation happen at push time")
  void pushWhenClientOrRequestBadThenErrors() {
    HttpResponse<String> wrongSecret = push("wrong");
    assertThat(wrongSecret.statusCode()).isEqualTo(401);
    assertThat(json(wrongSecret).getString("error")).isEqualTo("invalid_client");

    HttpResponse<String> badRedirect =
        op.postForm(
            "/api/oidc/par",
            form(
                "redirect_uri",
                "https://evil.example/cb",
                "response_type",
                "code",
                "scope",
                "openid"),
            "Authorization",
            basic(CLIENT_ID, CLIENT_SECRET));
    assertThat(badRedirect.statusCode()).isEqualTo(400);
    assertThat(json(badRedirect).getString("error_description")).contains("redirect_uri");

    HttpResponse<String> nested = push(CLIENT_SECRET, "request_uri", "urn:x");
    assertThat(nested.statusCode()).isEqualTo(400);
    assertThat(json(nested).getString("error")).isEqualTo("invalid_request");
  }

  @Test
  @DisplayName("RFC 9126 §4: a tampered request_uri or one of another client gives an error page")
  void authorizeWhenRequestUriTamperedOrOtherClientThenErrorPage() {
    String requestUri = json(push(CLIENT_SECRET)).getString("request_uri");
    String tampered = requestUri.substring(0, requestUri.length() - 4) + "AAAA";
    HttpResponse<String> bad =
        op.get("/authorize?client_id=" + enc(CLIENT_ID) + "&request_uri=" + enc(tampered));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("request_uri is invalid or has expired");
    assertThat(bad.headers().firstValue("location")).isEmpty();

    HttpResponse<String> otherClient =
        op.get("/authorize?client_id=someone-else&request_uri=" + enc(requestUri));
    assertThat(otherClient.statusCode()).isEqualTo(400);
    assertThat(otherClient.headers().firstValue("location")).isEmpty();
  }
}

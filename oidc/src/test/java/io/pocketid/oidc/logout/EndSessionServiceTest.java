package io.pocketid.oidc.logout;

import static io.pocketid.oidc.TestWorld.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import io.pocketid.core.model.User;
import io.pocketid.core.store.contract.Fixtures;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.Provider;
import io.pocketid.oidc.StalledServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EndSessionServiceTest {
  private final Provider op = new Provider();
  private final User alice = op.world.user("alice");
  private final EndSessionService service =
      new EndSessionService(
          op.world.settings,
          op.world.storage.clients(),
          op.world.storage.consents(),
          op.world.storage.refreshTokens(),
          () -> op.world.ring,
          op.world.tokens);

  EndSessionServiceTest() {
    op.world.save(
        Fixtures.client("grafana")
            .secretHash(null)
            .logoutCallbackUrls(
                List.of("https://rp.example/logged-out", "https://*.rp.example/bye"))
            .backchannelLogoutUri("https://rp.example/backchannel")
            .build());
  }

  private String idToken() throws OAuthException {
    String code = op.code("grafana", alice, "openid", null, null);
    return op.tokenService
        .authorizationCode(op.as("grafana"), code, Optional.empty(), Optional.empty())
        .idToken();
  }

  @Test
  @DisplayName("RP-Initiated Logout §2: a valid hint for the signed-in user redirects with state")
  void validHint() throws OAuthException {
    EndSessionDecision decision =
        service.decide(
            form(
                "id_token_hint",
                idToken(),
                "post_logout_redirect_uri",
                "https://rp.example/logged-out",
                "state",
                "s 1"),
            Optional.of(alice.id()));
    assertThat(decision.confirmationRequired()).isFalse();
    assertThat(decision.redirectUri()).contains("https://rp.example/logged-out?state=s+1");
    assertThat(decision.clientId()).contains("grafana");
    assertThat(decision.sessionId()).contains("sid-1");
  }

  @Test
  @DisplayName("RP-Initiated Logout §2: an expired id_token_hint is still accepted")
  void expiredHint() throws OAuthException {
    String hint = idToken();
    op.world.clock.advance(Duration.ofDays(2));
    EndSessionDecision decision =
        service.decide(form("id_token_hint", hint), Optional.of(alice.id()));
    assertThat(decision.confirmationRequired()).isFalse();
  }

  @Test
  @DisplayName("RP-Initiated Logout §2: no hint or a modified hint asks the user to confirm")
  void missingOrModifiedHint() throws OAuthException {
    assertThat(service.decide(form(), Optional.of(alice.id())).confirmationRequired()).isTrue();
    String hint = idToken();
    String modified = hint.substring(0, hint.length() - 4) + "AAAA";
    EndSessionDecision decision =
        service.decide(
            form(
                "id_token_hint",
                modified,
                "post_logout_redirect_uri",
                "https://rp.example/logged-out"),
            Optional.of(alice.id()));
    assertThat(decision.confirmationRequired()).isTrue();
    assertThat(decision.redirectUri()).isEmpty();
  }

  @Test
  @DisplayName("RP-Initiated Logout §3: an unregistered post_logout_redirect_uri is never used")
  void badRedirect() throws OAuthException {
    EndSessionDecision decision =
        service.decide(
            form(
                "id_token_hint",
                idToken(),
                "post_logout_redirect_uri",
                "https://evil.example/logged-out"),
            Optional.of(alice.id()));
    assertThat(decision.redirectUri()).isEmpty();
    assertThat(decision.problem()).isPresent();
  }

  @Test
  @DisplayName("RP-Initiated Logout §3: wildcard logout URLs match under the strict rules")
  void wildcardRedirect() throws OAuthException {
    String hint = idToken();
    assertThat(
            service
                .decide(
                    form(
                        "id_token_hint",
                        hint,
                        "post_logout_redirect_uri",
                        "https://a.rp.example/bye"),
                    Optional.of(alice.id()))
                .redirectUri())
        .contains("https://a.rp.example/bye");
    assertThat(
            service
                .decide(
                    form(
                        "id_token_hint",
                        hint,
                        "post_logout_redirect_uri",
                        "https://evil.test/?.rp.example/bye"),
                    Optional.of(alice.id()))
                .redirectUri())
        .isEmpty();
  }

  @Test
  @DisplayName("RP-Initiated Logout §2: client_id must be in the hint's audience")
  void clientIdConsistency() throws OAuthException {
    op.world.confidential("immich");
    EndSessionDecision decision =
        service.decide(
            form("id_token_hint", idToken(), "client_id", "immich"), Optional.of(alice.id()));
    assertThat(decision.confirmationRequired()).isTrue();
    assertThat(decision.redirectUri()).isEmpty();
  }

  @Test
  @DisplayName("RP-Initiated Logout §2: client_id without a hint allows a registered redirect")
  void clientIdWithoutHint() {
    EndSessionDecision decision =
        service.decide(
            form(
                "client_id",
                "grafana",
                "post_logout_redirect_uri",
                "https://rp.example/logged-out"),
            Optional.of(alice.id()));
    assertThat(decision.confirmationRequired()).isTrue();
    assertThat(decision.redirectUri()).contains("https://rp.example/logged-out");
  }

  @Test
  @DisplayName("RP-Initiated Logout §2: a hint for another user than the signed-in one asks first")
  void otherUser() throws OAuthException {
    assertThat(
            service
                .decide(form("id_token_hint", idToken()), Optional.of("someone-else"))
                .confirmationRequired())
        .isTrue();
  }

  @Test
  @DisplayName(
      "Back-Channel Logout §2.4: a logout token per consented client with a back-channel URI")
  void backchannelDeliveries() throws OAuthException {
    idToken();
    op.world.confidential("immich");
    op.completion.upsertConsent(alice.id(), "immich", List.of("openid"), op.world.clock.instant());
    List<BackchannelDelivery> deliveries = service.backchannelDeliveries(alice.id(), "sid-1");
    assertThat(deliveries).hasSize(1);
    Map<String, Object> claims = op.verify(deliveries.get(0).logoutToken());
    assertThat(claims)
        .containsEntry("sub", alice.id())
        .containsEntry("sid", "sid-1")
        .containsEntry("aud", "grafana")
        .containsKey("events")
        .doesNotContainKey("nonce");
  }

  @Test
  @DisplayName("Back-Channel Logout §2.5: the token is POSTed form-encoded to a real local server")
  void httpSender() throws IOException {
    AtomicReference<String> body = new AtomicReference<>();
    AtomicReference<String> contentType = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/backchannel",
        exchange -> {
          body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.createContext(
        "/broken",
        exchange -> {
          exchange.sendResponseHeaders(400, -1);
          exchange.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      HttpBackchannelLogoutSender sender = new HttpBackchannelLogoutSender(Duration.ofSeconds(5));
      assertThat(sender.send(new BackchannelDelivery("grafana", base + "/backchannel", "a.b.c")))
          .isTrue();
      assertThat(body.get()).isEqualTo("logout_token=a.b.c");
      assertThat(contentType.get()).isEqualTo("application/x-www-form-urlencoded");
      assertThat(sender.send(new BackchannelDelivery("grafana", base + "/broken", "a.b.c")))
          .isFalse();
    } finally {
      server.stop(0);
    }
  }

  @Test
  @DisplayName(
      "Security finding 2: back-channel logout gives up on a client that answers headers and then"
          + " trickles the body")
  void backchannelTricklingAnswerIsCutOff() throws Exception {
    String headers = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nx";
    try (StalledServer client = new StalledServer(headers)) {
      HttpBackchannelLogoutSender sender = new HttpBackchannelLogoutSender(Duration.ofSeconds(2));
      BackchannelDelivery delivery =
          new BackchannelDelivery("grafana", client.url("/backchannel").toString(), "a.b.c");
      // Before the fix the discarded body had no deadline: the sending thread hung for ever.
      assertThat(assertTimeoutPreemptively(Duration.ofSeconds(30), () -> sender.send(delivery)))
          .isFalse();
      assertThat(client.accepts()).isEqualTo(1);
    }
  }
}

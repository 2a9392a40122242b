package io.pocketid.oidc.client;

import static io.pocketid.oidc.TestWorld.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pocketid.core.model.FederatedIdentity;
import io.pocketid.core.store.contract.Fixtures;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.TestWorld;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Federated identities whose JWKS URL accepts connections and then does not answer (security
 * finding 2): a fetch ends at its deadline, and the failure is cached, so unauthenticated
 * assertions cannot make every request wait for the issuer again.
 */
class UnresponsiveJwksTest {
  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(2);
  private static final String IDP = "https://stalled.example";

  private final TestWorld world = new TestWorld();
  private final ServerSocket server;
  private final AtomicInteger accepts = new AtomicInteger();
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  UnresponsiveJwksTest() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void closeServer() throws IOException {
    server.close();
    for (Socket socket : held) {
      socket.close();
    }
  }

  /** Accepts connections, counts them and, after sending {@code answer}, never writes again. */
  private void serve(String answer) {
    Thread acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  accepts.incrementAndGet();
                  held.add(socket);
                  OutputStream out = socket.getOutputStream();
                  out.write(answer.getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "stalled-jwks-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/jwks");
  }

  private String assertion(ECKey key) throws Exception {
    Date now = Date.from(world.clock.instant());
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(IDP)
            .subject("ci")
            .audience(TestWorld.ISSUER)
            .issueTime(now)
            .expirationTime(Date.from(world.clock.instant().plusSeconds(300)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(), claims);
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  private String outcome(ClientAuthenticator authenticator, String assertion) {
    try {
      authenticator.authenticate(
          form(
              "client_assertion_type",
              ClientAssertionVerifier.JWT_BEARER,
              "client_assertion",
              assertion),
          Optional.empty());
      return "accepted";
    } catch (OAuthException e) {
      return e.error().code();
    }
  }

  @Test
  @DisplayName(
      "Finding 2: a JWKS URL that never answers is asked once per back-off; the second assertion"
          + " fails fast with invalid_client without a new connection")
  void unansweredJwksFailureIsCached() throws Exception {
    serve("");
    HttpJwksFetcher fetcher = new HttpJwksFetcher(FETCH_TIMEOUT);
    world.jwksFetcher = fetcher::fetch;
    world.save(
        Fixtures.client("ci")
            .secretHash(null)
            .federatedIdentities(List.of(new FederatedIdentity(IDP, null, null, url().toString())))
            .build());
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
    ClientAuthenticator authenticator = world.authenticator();

    assertThat(outcome(authenticator, assertion(key))).isEqualTo("invalid_client");
    assertThat(accepts).hasValue(1);
    // The second attempt does not try the network (today it waits for the issuer again).
    assertThat(outcome(authenticator, assertion(key))).isEqualTo("invalid_client");
    assertThat(accepts).hasValue(1);

    world.clock.advance(JwksCache.DEFAULT_FIRST_BACKOFF);
    assertThat(outcome(authenticator, assertion(key))).isEqualTo("invalid_client");
    assertThat(accepts).hasValue(2);
  }

  @Test
  @DisplayName(
      "Finding 2: a JWKS server that sends headers and then trickles the body is cut off at the"
          + " fetch timeout")
  void tricklingBodyIsCutOff() {
    serve("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{");
    HttpJwksFetcher fetcher = new HttpJwksFetcher(FETCH_TIMEOUT);
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> assertThatThrownBy(() -> fetcher.fetch(url())).isInstanceOf(IOException.class));
    assertThat(accepts).hasValue(1);
  }
}

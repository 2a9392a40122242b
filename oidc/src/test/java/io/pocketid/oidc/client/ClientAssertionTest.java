package io.pocketid.oidc.client;

import static io.pocketid.oidc.TestWorld.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pocketid.core.model.FederatedIdentity;
import io.pocketid.core.store.contract.Fixtures;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.StalledServer;
import io.pocketid.oidc.TestWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClientAssertionTest {
  private static final String IDP = "https://token.actions.example";
  private final TestWorld world = new TestWorld();
  private final ECKey key;
  private final List<String> fetched = new ArrayList<>();

  ClientAssertionTest() throws Exception {
    key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
    world.jwksFetcher =
        uri -> {
          fetched.add(uri.toString());
          return new JWKSet(key.toPublicJWK()).toString();
        };
    world.save(
        Fixtures.client("ci")
            .secretHash(null)
            .federatedIdentities(List.of(new FederatedIdentity(IDP, null, null, null)))
            .build());
  }

  private String assertion(Consumer<JWTClaimsSet.Builder> customize) throws Exception {
    Instant now = world.clock.instant();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(IDP)
            .subject("ci")
            .audience(TestWorld.ISSUER)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .jwtID(UUID.randomUUID().toString());
    customize.accept(claims);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").type(JOSEObjectType.JWT).build(),
            claims.build());
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  private AuthenticatedClient authenticate(ClientAuthenticator auth, String assertion)
      throws OAuthException {
    return auth.authenticate(
        form(
            "client_assertion_type",
            ClientAssertionVerifier.JWT_BEARER,
            "client_assertion",
            assertion),
        Optional.empty());
  }

  private String refusal(String assertion) {
    return refusalBy(world.authenticator(), assertion);
  }

  private String refusalBy(ClientAuthenticator auth, String assertion) {
    try {
      authenticate(auth, assertion);
      return "accepted";
    } catch (OAuthException e) {
      return e.error().code();
    }
  }

  @Test
  @DisplayName(
      "RFC 7523 §2.2: a valid assertion from a federated identity authenticates the client")
  void validAssertion() throws Exception {
    AuthenticatedClient client = authenticate(world.authenticator(), assertion(c -> {}));
    assertThat(client.id()).isEqualTo("ci");
    assertThat(client.method()).isEqualTo(ClientAuthMethod.PRIVATE_KEY_JWT);
    assertThat(fetched).containsExactly(IDP + "/.well-known/jwks.json");
  }

  @Test
  @DisplayName("RFC 7523 §3: the token endpoint URL is accepted as audience")
  void tokenEndpointAudience() throws Exception {
    assertThat(refusal(assertion(c -> c.audience(TestWorld.ISSUER + "/api/oidc/token"))))
        .isEqualTo("accepted");
  }

  @Test
  @DisplayName("RFC 7523 §3 item 1: an iss that is not a federated identity of the client fails")
  void unknownIssuer() throws Exception {
    assertThat(refusal(assertion(c -> c.issuer("https://evil.example"))))
        .isEqualTo("invalid_client");
  }

  @Test
  @DisplayName("RFC 7523 §3 item 2: sub must be the identity's subject (default: the client id)")
  void wrongSubject() throws Exception {
    assertThat(refusal(assertion(c -> c.subject("other")))).isEqualTo("invalid_client");
  }

  @Test
  @DisplayName("RFC 7523 §3 item 3: an aud that does not name this server fails")
  void wrongAudience() throws Exception {
    assertThat(refusal(assertion(c -> c.audience("https://other.example"))))
        .isEqualTo("invalid_client");
  }

  @Test
  @DisplayName("RFC 7523 §3 item 4: exp is required and an expired assertion fails (60 s skew)")
  void expiry() throws Exception {
    assertThat(refusal(assertion(c -> c.expirationTime(null)))).isEqualTo("invalid_client");
    Instant now = world.clock.instant();
    assertThat(refusal(assertion(c -> c.expirationTime(Date.from(now.minusSeconds(61))))))
        .isEqualTo("invalid_client");
    assertThat(refusal(assertion(c -> c.expirationTime(Date.from(now.minusSeconds(30))))))
        .isEqualTo("accepted");
  }

  @Test
  @DisplayName("RFC 7523 §3 item 5: nbf or iat in the future beyond the skew fails")
  void notYetValid() throws Exception {
    Instant later = world.clock.instant().plusSeconds(120);
    assertThat(refusal(assertion(c -> c.notBeforeTime(Date.from(later)))))
        .isEqualTo("invalid_client");
    assertThat(refusal(assertion(c -> c.issueTime(Date.from(later))))).isEqualTo("invalid_client");
  }

  @Test
  @DisplayName("RFC 7523 §3 item 7: a replayed jti is refused until the assertion expires")
  void replayedJti() throws Exception {
    ClientAuthenticator auth = world.authenticator();
    String token = assertion(c -> {});
    authenticate(auth, token);
    try {
      authenticate(auth, token);
      throw new AssertionError("replay accepted");
    } catch (OAuthException e) {
      assertThat(e.error().code()).isEqualTo("invalid_client");
    }
  }

  @Test
  @DisplayName("RFC 7523 §3 item 7: ALLOW_REUSE accepts a reused workload token (Pocket ID)")
  void reuseAllowedByPolicy() throws Exception {
    ClientAuthenticator auth =
        world.authenticator(ClientAssertionVerifier.ReplayPolicy.ALLOW_REUSE);
    String token = assertion(c -> {});
    authenticate(auth, token);
    assertThat(authenticate(auth, token).id()).isEqualTo("ci");
  }

  @Test
  @DisplayName("RFC 7523 §3 item 9: a signature by another key fails")
  void wrongKey() throws Exception {
    ECKey other = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(),
            SignedJWT.parse(assertion(c -> {})).getJWTClaimsSet());
    jwt.sign(new ECDSASigner(other));
    assertThat(refusal(jwt.serialize())).isEqualTo("invalid_client");
  }

  @Test
  @DisplayName("RFC 8725 §3.1: HMAC-signed assertions are refused (no algorithm confusion)")
  void hmacRefused() throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(),
            SignedJWT.parse(assertion(c -> {})).getJWTClaimsSet());
    jwt.sign(new MACSigner(new byte[32]));
    assertThat(refusal(jwt.serialize())).isEqualTo("invalid_client");
  }

  @Test
  @DisplayName("RFC 7523 §2.2: client_id, when sent, must equal the assertion's sub")
  void clientIdMismatch() throws Exception {
    world.confidential("other");
    try {
      world
          .authenticator()
          .authenticate(
              form(
                  "client_id",
                  "other",
                  "client_assertion_type",
                  ClientAssertionVerifier.JWT_BEARER,
                  "client_assertion",
                  assertion(c -> {})),
              Optional.empty());
      throw new AssertionError("accepted");
    } catch (OAuthException e) {
      assertThat(e.error().code()).isEqualTo("invalid_client");
    }
  }

  @Test
  @DisplayName("Federated identity: the configured jwksUrl, audience and subject are used")
  void configuredIdentity() throws Exception {
    world.save(
        Fixtures.client("k8s")
            .secretHash(null)
            .federatedIdentities(
                List.of(
                    new FederatedIdentity(
                        "https://kubernetes.default.svc",
                        "system:serviceaccount:ns:app",
                        "pocket-id",
                        "https://keys.example/jwks")))
            .build());
    String token =
        assertion(
            c ->
                c.issuer("https://kubernetes.default.svc")
                    .subject("system:serviceaccount:ns:app")
                    .audience("pocket-id"));
    // sub is not a client id: without client_id the client cannot be found.
    assertThat(refusal(token)).isEqualTo("invalid_client");
    AuthenticatedClient client =
        world
            .authenticator()
            .authenticate(
                form(
                    "client_id",
                    "k8s",
                    "client_assertion_type",
                    ClientAssertionVerifier.JWT_BEARER,
                    "client_assertion",
                    token),
                Optional.empty());
    assertThat(client.id()).isEqualTo("k8s");
    assertThat(fetched).contains("https://keys.example/jwks");
  }

  @Test
  @DisplayName(
      "Security finding 2: a JWKS URL that never answers is asked once per back-off; the next"
          + " assertion fails with invalid_client without opening a connection")
  void unansweredJwksFailureIsCached() throws Exception {
    try (StalledServer issuer = new StalledServer("")) {
      world.jwksFetcher = new HttpJwksFetcher(Duration.ofSeconds(2))::fetch;
      world.save(
          Fixtures.client("stalled")
              .secretHash(null)
              .federatedIdentities(
                  List.of(new FederatedIdentity(IDP, null, null, issuer.url("/jwks").toString())))
              .build());
      ClientAuthenticator auth = world.authenticator();
      String token = assertion(c -> c.subject("stalled"));
      assertThatThrownBy(() -> authenticate(auth, token))
          .isInstanceOf(OAuthException.class)
          .hasMessageContaining("invalid_client");
      assertThat(issuer.accepts()).isEqualTo(1);
      // Within the back-off: refused at once, the issuer is not asked again.
      assertThat(refusalBy(auth, assertion(c -> c.subject("stalled")))).isEqualTo("invalid_client");
      assertThat(issuer.accepts()).isEqualTo(1);
      world.clock.advance(JwksCache.DEFAULT_FIRST_BACKOFF);
      assertThat(refusalBy(auth, assertion(c -> c.subject("stalled")))).isEqualTo("invalid_client");
      assertThat(issuer.accepts()).isEqualTo(2);
    }
  }
}

package io.pocketid.oidc.client;

import static io.pocketid.oidc.TestWorld.SECRET;
import static io.pocketid.oidc.TestWorld.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.store.contract.Fixtures;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.TestWorld;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClientAuthenticatorTest {
  private final TestWorld world = new TestWorld();
  private final ClientAuthenticator authenticator = world.authenticator();

  private static Optional<String> basic(String id, String secret) {
    String pair =
        URLEncoder.encode(id, StandardCharsets.UTF_8)
            + ":"
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return Optional.of(
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  private OAuthException failure(ThrowingCall call) {
    try {
      call.run();
    } catch (OAuthException e) {
      return e;
    }
    throw new AssertionError("expected an OAuthException");
  }

  interface ThrowingCall {
    void run() throws OAuthException;
  }

  @Test
  @DisplayName("RFC 6749 §2.3.1: client_secret_basic authenticates a confidential client")
  void basicAuthenticates() throws OAuthException {
    world.confidential("grafana");
    AuthenticatedClient client = authenticator.authenticate(form(), basic("grafana", SECRET));
    assertThat(client.id()).isEqualTo("grafana");
    assertThat(client.method()).isEqualTo(ClientAuthMethod.CLIENT_SECRET_BASIC);
  }

  @Test
  @DisplayName("RFC 6749 §2.3.1: Basic credentials are form-URL-decoded before comparison")
  void basicIsUrlDecoded() throws OAuthException {
    String secret = "a+b:c%d é";
    world.save(Fixtures.client("odd.client_id-1").secretHash(ClientSecrets.hash(secret)).build());
    AuthenticatedClient client =
        authenticator.authenticate(form(), basic("odd.client_id-1", secret));
    assertThat(client.id()).isEqualTo("odd.client_id-1");
  }

  @Test
  @DisplayName(
      "RFC 6749 §5.2: a wrong Basic secret is invalid_client with 401 and a Basic challenge")
  void basicWrongSecretIs401WithChallenge() {
    world.confidential("grafana");
    OAuthException e = failure(() -> authenticator.authenticate(form(), basic("grafana", "wrong")));
    assertThat(e.error().code()).isEqualTo("invalid_client");
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.wwwAuthenticate()).contains("Basic realm=\"https://id.example.com\"");
  }

  @Test
  @DisplayName(
      "RFC 6749 §2.3.1: client_secret_post authenticates; failures carry no Basic challenge")
  void postAuthenticates() throws OAuthException {
    world.confidential("grafana");
    assertThat(
            authenticator
                .authenticate(
                    form("client_id", "grafana", "client_secret", SECRET), Optional.empty())
                .method())
        .isEqualTo(ClientAuthMethod.CLIENT_SECRET_POST);
    OAuthException e =
        failure(
            () ->
                authenticator.authenticate(
                    form("client_id", "grafana", "client_secret", "nope"), Optional.empty()));
    assertThat(e.error().code()).isEqualTo("invalid_client");
    assertThat(e.wwwAuthenticate()).isEmpty();
  }

  @Test
  @DisplayName("RFC 6749 §2.3: using two authentication methods at once is invalid_request")
  void twoMethodsAreInvalidRequest() {
    world.confidential("grafana");
    OAuthException e =
        failure(
            () ->
                authenticator.authenticate(
                    form("client_id", "grafana", "client_secret", SECRET),
                    basic("grafana", SECRET)));
    assertThat(e.error().code()).isEqualTo("invalid_request");
  }

  @Test
  @DisplayName("RFC 6749 §3.2: a repeated client_id is invalid_request")
  void repeatedParameter() {
    OAuthException e =
        failure(
            () ->
                authenticator.authenticate(
                    form("client_id", "a", "client_id", "b"), Optional.empty()));
    assertThat(e.error().code()).isEqualTo("invalid_request");
  }

  @Test
  @DisplayName("RFC 6749 §2.1: a public client is identified by client_id alone (none)")
  void publicClientNone() throws OAuthException {
    world.publicClient("cli");
    AuthenticatedClient client =
        authenticator.authenticate(form("client_id", "cli"), Optional.empty());
    assertThat(client.method()).isEqualTo(ClientAuthMethod.NONE);
  }

  @Test
  @DisplayName("RFC 6749 §3.2.1: a confidential client without credentials is invalid_client")
  void confidentialWithoutCredentials() {
    world.confidential("grafana");
    OAuthException e =
        failure(() -> authenticator.authenticate(form("client_id", "grafana"), Optional.empty()));
    assertThat(e.error().code()).isEqualTo("invalid_client");
    assertThat(e.status()).isEqualTo(401);
  }

  @Test
  @DisplayName("RFC 6749 §5.2: an unknown client and a wrong secret fail the same way")
  void unknownClientLooksLikeWrongSecret() {
    world.confidential("grafana");
    OAuthException unknown =
        failure(() -> authenticator.authenticate(form(), basic("nobody", SECRET)));
    OAuthException wrong = failure(() -> authenticator.authenticate(form(), basic("grafana", "x")));
    assertThat(unknown.error()).isEqualTo(wrong.error());
    assertThat(unknown.status()).isEqualTo(wrong.status());
  }

  @Test
  @DisplayName("RFC 6749 §2.3.1: client_id in the form must match the Basic user name")
  void basicAndFormIdMustAgree() {
    world.confidential("grafana");
    world.confidential("immich");
    OAuthException e =
        failure(
            () ->
                authenticator.authenticate(form("client_id", "immich"), basic("grafana", SECRET)));
    assertThat(e.error().code()).isEqualTo("invalid_client");
  }

  @Test
  @DisplayName("Pocket ID compatibility: a $2a$10$ hash written by Go's bcrypt verifies")
  void goBcryptHashVerifies() {
    // Vector from a Go test suite asserting golang.org/x/crypto/bcrypt verifies "hash".
    String goHash = "$2a$10$IWswZQf54RI4d08qs80OrOZovvu8HuqwBmy4swqAfy67kzLgqhAHW";
    assertThat(world.secrets.verify("hash", goHash)).isTrue();
    assertThat(world.secrets.verify("Hash", goHash)).isFalse();
    assertThat(ClientSecrets.bcrypt("s")).startsWith("$2a$10$");
  }

  @Test
  @DisplayName("new secrets are stored as $sha256$ + base64url(SHA-256), self-describing")
  void fastForm() {
    // SHA-256("abc") = ba7816bf...; base64url without padding
    assertThat(ClientSecrets.hash("abc"))
        .isEqualTo("$sha256$ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    assertThat(world.secrets.verify("abc", ClientSecrets.hash("abc"))).isTrue();
    assertThat(world.secrets.verify("abd", ClientSecrets.hash("abc"))).isFalse();
    assertThat(world.secrets.check(SECRET, ClientSecrets.hash(SECRET)).upgradable()).isFalse();
  }

  @Test
  @DisplayName("bcrypt: a null or malformed hash and an over-long secret never match")
  void degenerateSecrets() {
    assertThat(world.secrets.verify("x", null)).isFalse();
    assertThat(world.secrets.verify("x", "plain")).isFalse();
    assertThat(world.secrets.verify("x", "$sha256$")).isFalse();
    assertThat(world.secrets.verify("", "$sha256$")).isFalse();
    assertThat(world.secrets.verify("x".repeat(100), ClientSecrets.bcrypt("x".repeat(72))))
        .isFalse();
  }

  @Test
  @DisplayName("a bcrypt hash is verified once, then replaced in place by the fast form")
  void bcryptUpgradedOnFirstUse() throws Exception {
    String bcrypt = ClientSecrets.bcrypt(SECRET);
    world.save(Fixtures.client("legacy").secretHash(bcrypt).build());
    AuthenticatedClient first = authenticator.authenticate(form(), basic("legacy", SECRET));
    String stored = world.storage.clients().findById("legacy").orElseThrow().secretHash();
    assertThat(stored).isEqualTo(ClientSecrets.hash(SECRET));
    assertThat(first.client().secretHash()).isEqualTo(stored);
    assertThat(authenticator.authenticate(form(), basic("legacy", SECRET)).id())
        .isEqualTo("legacy");
    assertThat(failure(() -> authenticator.authenticate(form(), basic("legacy", "wrong"))))
        .extracting(e -> e.error().code())
        .isEqualTo("invalid_client");
  }

  @Test
  @DisplayName("a wrong secret against a bcrypt hash does not upgrade it")
  void wrongSecretDoesNotUpgrade() {
    String bcrypt = ClientSecrets.bcrypt(SECRET);
    world.save(Fixtures.client("legacy").secretHash(bcrypt).build());
    for (int i = 0; i < 2; i++) { // the second try is answered from the failed-guess cache
      OAuthException e =
          failure(() -> authenticator.authenticate(form(), basic("legacy", SECRET + "x")));
      assertThat(e.error().code()).isEqualTo("invalid_client");
    }
    assertThat(world.storage.clients().findById("legacy").orElseThrow().secretHash())
        .isEqualTo(bcrypt);
  }

  @Test
  @DisplayName("a short secret (never generated) keeps its bcrypt hash")
  void shortSecretStaysBcrypt() throws Exception {
    String bcrypt = ClientSecrets.bcrypt("short-secret");
    world.save(Fixtures.client("short").secretHash(bcrypt).build());
    assertThat(authenticator.authenticate(form(), basic("short", "short-secret")).id())
        .isEqualTo("short");
    assertThat(world.storage.clients().findById("short").orElseThrow().secretHash())
        .isEqualTo(bcrypt);
  }

  @Test
  @DisplayName("an upgrade that fails in storage does not fail the authentication")
  void failedUpgradeStillAuthenticates() throws Exception {
    world.save(Fixtures.client("legacy").secretHash(ClientSecrets.bcrypt(SECRET)).build());
    ClientAuthenticator failing =
        new ClientAuthenticator(
            world.settings,
            world.storage.clients()::findById,
            world.secrets,
            new ClientAssertionVerifier(
                world.settings,
                world.storage.clients()::findById,
                new JwksCache(uri -> "{\"keys\":[]}", world.clock),
                new InMemoryJtiRegistry(),
                ClientAssertionVerifier.ReplayPolicy.REJECT_REUSED_JTI,
                world.clock),
            (id, expected, replacement) -> {
              throw new IllegalStateException("database is locked");
            });
    assertThat(failing.authenticate(form(), basic("legacy", SECRET)).id()).isEqualTo("legacy");
  }

  @Test
  @DisplayName("RFC 7523 §2.2: an unsupported client_assertion_type is invalid_client")
  void unsupportedAssertionType() {
    OAuthException e =
        failure(
            () ->
                authenticator.authenticate(
                    form("client_assertion_type", "urn:x", "client_assertion", "a.b.c"),
                    Optional.empty()));
    assertThat(e.error().code()).isEqualTo("invalid_client");
    assertThatThrownBy(
            () -> authenticator.authenticate(form("client_assertion", "a.b.c"), Optional.empty()))
        .isInstanceOf(OAuthException.class);
  }
}

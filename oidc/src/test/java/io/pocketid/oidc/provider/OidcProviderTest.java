package io.pocketid.oidc.provider;

import static io.pocketid.oidc.TestWorld.ISSUER;
import static io.pocketid.oidc.TestWorld.SECRET;
import static io.pocketid.oidc.TestWorld.basic;
import static io.pocketid.oidc.TestWorld.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.User;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.Provider;
import io.pocketid.oidc.TestWorld;
import io.pocketid.oidc.authorize.AuthorizationCompletion;
import io.pocketid.oidc.authorize.AuthorizationValidation;
import io.pocketid.oidc.grant.TokenResponse;
import io.pocketid.oidc.logout.EndSessionDecision;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The facade end to end on the in-memory storage, as an embedder would use it. */
class OidcProviderTest {
  private final TestWorld world = new TestWorld();
  private final OidcProvider provider =
      OidcProvider.builder()
          .settings(world.settings)
          .storage(world.storage)
          .keys(world.ring)
          .clock(world.clock)
          .emailsVerified(() -> true)
          .build();
  private final User alice = world.user("alice");

  private static Optional<String> bearer(String token) {
    return Optional.of("Bearer " + token);
  }

  @Test
  void clientCredentialsThenIntrospection() throws OAuthException {
    world.confidential("backend");

    TokenResponse token =
        provider.token(form("grant_type", "client_credentials"), basic("backend", SECRET));

    assertThat(token.refreshToken()).isNull();
    assertThat(world.ring.verify(token.accessToken()).orElseThrow())
        .containsEntry("iss", ISSUER)
        .containsEntry("sub", "client-backend")
        .containsEntry("client_id", "backend");
    assertThat(provider.introspect(form("token", token.accessToken()), basic("backend", SECRET)))
        .containsEntry("active", true)
        .containsEntry("client_id", "backend");
    assertThatThrownBy(
            () ->
                provider.token(form("grant_type", "client_credentials"), basic("backend", "wrong")))
        .isInstanceOfSatisfying(
            OAuthException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.error().code()).isEqualTo("invalid_client");
            });
  }

  @Test
  void authorizationCodeRedeemedThenUserinfoIntrospectionRevocationAndEndSession()
      throws OAuthException {
    world.confidential("grafana");
    AuthorizationValidation validation =
        provider.validateAuthorization(
            form(
                "response_type", "code",
                "client_id", "grafana",
                "redirect_uri", "https://rp.example/callback",
                "scope", "openid profile email",
                "state", "st-1",
                "nonce", "n-1",
                "code_challenge", Provider.CHALLENGE,
                "code_challenge_method", "S256"));
    assertThat(validation).isInstanceOf(AuthorizationValidation.Valid.class);
    var request = ((AuthorizationValidation.Valid) validation).request();
    assertThat(provider.consentRequired(alice.id(), request)).isTrue();

    AuthorizationCompletion.Completed completed =
        provider.completeAuthorization(request, alice, "sid-1", world.clock.instant());
    assertThat(completed.queryRedirect())
        .startsWith("https://rp.example/callback?")
        .contains("state=st-1");
    assertThat(provider.consentRequired(alice.id(), request)).isFalse();

    TokenResponse tokens = redeem(completed.code());
    Map<String, Object> idToken = world.ring.verify(tokens.idToken()).orElseThrow();
    assertThat(idToken)
        .containsEntry("sub", alice.id())
        .containsEntry("aud", "grafana")
        .containsEntry("nonce", "n-1")
        .containsEntry("sid", "sid-1");
    Map<String, Object> userinfo =
        provider.userinfo(bearer(tokens.accessToken()), Optional.empty());
    assertThat(userinfo)
        .containsEntry("sub", alice.id())
        .containsEntry("email", alice.email())
        .containsEntry("email_verified", true);

    String refresh = tokens.refreshToken();
    assertThat(provider.introspect(form("token", refresh), basic("grafana", SECRET)))
        .containsEntry("active", true)
        .containsEntry("sub", alice.id());
    assertThat(provider.revoke(form("token", refresh), basic("grafana", SECRET))).isPresent();
    assertThat(provider.introspect(form("token", refresh), basic("grafana", SECRET)))
        .containsEntry("active", false);
    assertThatThrownBy(
            () ->
                provider.token(
                    form("grant_type", "refresh_token", "refresh_token", refresh),
                    basic("grafana", SECRET)))
        .isInstanceOfSatisfying(
            OAuthException.class, e -> assertThat(e.error().code()).isEqualTo("invalid_grant"));

    EndSessionDecision logout =
        provider.endSession(form("id_token_hint", tokens.idToken()), Optional.of(alice.id()));
    assertThat(logout.confirmationRequired()).isFalse();
    assertThat(logout.subject()).contains(alice.id());
    assertThat(logout.clientId()).contains("grafana");

    assertThatThrownBy(() -> redeem(completed.code()))
        .as("a code is single-use")
        .isInstanceOfSatisfying(
            OAuthException.class, e -> assertThat(e.error().code()).isEqualTo("invalid_grant"));
    assertThatThrownBy(() -> provider.userinfo(bearer(tokens.accessToken()), Optional.empty()))
        .as("the access tokens of a grant whose code was replayed are refused")
        .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  private TokenResponse redeem(String code) throws OAuthException {
    return provider.token(
        form(
            "grant_type",
            "authorization_code",
            "code",
            code,
            "redirect_uri",
            "https://rp.example/callback",
            "code_verifier",
            Provider.VERIFIER),
        basic("grafana", SECRET));
  }

  @Test
  void anUnknownClientIsAnErrorPage() {
    assertThat(
            provider.validateAuthorization(
                form(
                    "response_type", "code",
                    "client_id", "nobody",
                    "redirect_uri", "https://rp.example/callback",
                    "scope", "openid")))
        .isInstanceOf(AuthorizationValidation.ErrorPage.class);
  }

  @Test
  void discovery() {
    Map<String, Object> config = provider.openidConfiguration();
    assertThat(config)
        .containsEntry("issuer", ISSUER)
        .containsEntry("token_endpoint", ISSUER + "/api/oidc/token")
        .containsEntry("jwks_uri", ISSUER + "/.well-known/jwks.json")
        .containsEntry("id_token_signing_alg_values_supported", List.of("ES256"));
    assertThat(provider.jwksJson())
        .contains("\"kid\":\"" + world.ring.currentKid() + "\"")
        .doesNotContain("\"d\":");
  }

  @Test
  void settingsStorageAndKeysAreRequired() {
    assertThatThrownBy(() -> OidcProvider.builder().settings(world.settings).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("storage");
    assertThatThrownBy(
            () -> OidcProvider.builder().settings(world.settings).storage(world.storage).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("keys");
  }

  @Test
  void aClientAddedAfterBuildIsKnown() throws OAuthException {
    world.confidential("late");
    assertThat(
            provider
                .token(form("grant_type", "client_credentials"), basic("late", SECRET))
                .accessToken())
        .isNotBlank();
  }
}

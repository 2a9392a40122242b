package io.pocketid.oidc.introspect;

import static io.pocketid.oidc.TestWorld.SECRET;
import static io.pocketid.oidc.TestWorld.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.User;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.Provider;
import io.pocketid.oidc.grant.TokenResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IntrospectionAndRevocationTest {
  private final Provider op = new Provider();
  private final User alice = op.world.user("alice");

  IntrospectionAndRevocationTest() {
    op.world.confidential("grafana");
    op.world.confidential("immich");
  }

  private TokenResponse tokens() throws OAuthException {
    String code = op.code("grafana", alice, "openid email", null, null);
    return op.tokenService.authorizationCode(
        op.as("grafana"), code, Optional.empty(), Optional.empty());
  }

  private Map<String, Object> introspect(String client, String token) throws OAuthException {
    return op.introspection.introspect(
        form("client_id", client, "client_secret", SECRET, "token", token), Optional.empty());
  }

  @Test
  @DisplayName("RFC 7662 §2.2: an active access token reports scope, client_id, sub, exp, iat")
  void activeAccessToken() throws OAuthException {
    Map<String, Object> result = introspect("grafana", tokens().accessToken());
    assertThat(result)
        .containsEntry("active", true)
        .containsEntry("token_type", "Bearer")
        .containsEntry("scope", "openid email")
        .containsEntry("client_id", "grafana")
        .containsEntry("sub", alice.id())
        .containsEntry("username", "alice")
        .containsKeys("exp", "iat", "iss", "jti");
  }

  @Test
  @DisplayName("RFC 7662 §2.2: an active refresh token reports refresh_token; rotated is inactive")
  void refreshToken() throws OAuthException {
    TokenResponse first = tokens();
    assertThat(introspect("grafana", first.refreshToken()))
        .containsEntry("active", true)
        .containsEntry("token_type", "refresh_token");
    op.tokenService.refreshToken(op.as("grafana"), first.refreshToken(), Optional.empty());
    assertThat(introspect("grafana", first.refreshToken())).isEqualTo(Map.of("active", false));
  }

  @Test
  @DisplayName("RFC 7662 §2.2: another client's token, unknown or expired tokens are only inactive")
  void inactive() throws OAuthException {
    TokenResponse tokens = tokens();
    assertThat(introspect("immich", tokens.accessToken())).isEqualTo(Map.of("active", false));
    assertThat(introspect("immich", tokens.refreshToken())).isEqualTo(Map.of("active", false));
    assertThat(introspect("grafana", "garbage")).isEqualTo(Map.of("active", false));
    op.world.clock.advance(Duration.ofHours(2));
    assertThat(introspect("grafana", tokens.accessToken())).isEqualTo(Map.of("active", false));
  }

  @Test
  @DisplayName("RFC 7662 §2.1: the caller must authenticate; public clients may not introspect")
  void callerMustAuthenticate() throws OAuthException {
    String token = tokens().accessToken();
    op.world.publicClient("cli");
    try {
      op.introspection.introspect(form("client_id", "cli", "token", token), Optional.empty());
      throw new AssertionError("accepted");
    } catch (OAuthException e) {
      assertThat(e.error().code()).isEqualTo("invalid_client");
      assertThat(e.status()).isEqualTo(401);
    }
  }

  @Test
  @DisplayName("RFC 7009 §2.1: revoking a refresh token revokes its whole family")
  void revokeFamily() throws OAuthException {
    TokenResponse first = tokens();
    TokenResponse second =
        op.tokenService.refreshToken(op.as("grafana"), first.refreshToken(), Optional.empty());
    op.revocation.revoke(
        form("client_id", "grafana", "client_secret", SECRET, "token", first.refreshToken()),
        Optional.empty());
    assertThat(introspect("grafana", second.refreshToken())).isEqualTo(Map.of("active", false));
  }

  @Test
  @DisplayName("RFC 7009 §2.2: unknown tokens, access tokens and other clients' tokens answer 200")
  void revokeWithoutAction() throws OAuthException {
    TokenResponse tokens = tokens();
    assertThat(op.revocation.revoke(op.as("immich"), tokens.refreshToken())).isFalse();
    assertThat(introspect("grafana", tokens.refreshToken())).containsEntry("active", true);
    assertThat(op.revocation.revoke(op.as("grafana"), "unknown")).isFalse();
    assertThat(op.revocation.revoke(op.as("grafana"), tokens.accessToken())).isFalse();
  }

  @Test
  @DisplayName(
      "RFC 7662 §2.2: a client_credentials token is active for its client, without username")
  void clientCredentialsToken() throws OAuthException {
    String token =
        op.tokenService
            .clientCredentials(op.as("grafana"), Optional.empty(), Optional.empty())
            .accessToken();
    assertThat(introspect("grafana", token))
        .containsEntry("active", true)
        .containsEntry("sub", "client-grafana")
        .doesNotContainKey("username");
  }
}

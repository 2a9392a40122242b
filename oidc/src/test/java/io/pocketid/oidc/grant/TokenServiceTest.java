package io.pocketid.oidc.grant;

import static io.pocketid.oidc.TestWorld.SECRET;
import static io.pocketid.oidc.TestWorld.basic;
import static io.pocketid.oidc.TestWorld.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.User;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.Provider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
  private final Provider op = new Provider();
  private final User alice = op.world.user("alice");

  TokenServiceTest() {
    op.world.confidential("grafana");
  }

  private OAuthException failure(Map<String, List<String>> params) {
    return failure(params, Optional.empty());
  }

  private OAuthException failure(Map<String, List<String>> params, Optional<String> authorization) {
    try {
      op.tokenService.exchange(params, authorization);
    } catch (OAuthException e) {
      return e;
    }
    throw new AssertionError("accepted");
  }

  @Test
  @DisplayName("RFC 6749 §4.1.3: the code grant through the endpoint with client_secret_basic")
  void codeExchangeWithBasic() throws OAuthException {
    String code = op.code("grafana", alice, "openid", null, null);
    TokenResponse response =
        op.tokenService.exchange(
            form(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                "https://rp.example/callback"),
            basic("grafana", SECRET));
    assertThat(response.idToken()).isNotNull();
  }

  @Test
  @DisplayName("RFC 6749 §5.2: an unknown grant_type is unsupported_grant_type")
  void unknownGrant() {
    assertThat(failure(form("grant_type", "password")).error().code())
        .isEqualTo("unsupported_grant_type");
  }

  @Test
  @DisplayName("RFC 6749 §5.2: a missing parameter is invalid_request naming it")
  void missingParameters() {
    assertThat(failure(form()).error().description()).contains("grant_type");
    OAuthException e =
        failure(
            form(
                "grant_type",
                "authorization_code",
                "client_id",
                "grafana",
                "client_secret",
                SECRET));
    assertThat(e.error().code()).isEqualTo("invalid_request");
    assertThat(e.error().description()).contains("code");
  }

  @Test
  @DisplayName("RFC 6749 §3.2: a repeated parameter is invalid_request")
  void repeatedParameter() {
    OAuthException e = failure(form("grant_type", "authorization_code", "code", "a", "code", "b"));
    assertThat(e.error().code()).isEqualTo("invalid_request");
    assertThat(e.error().description()).contains("code");
  }

  @Test
  @DisplayName(
      "RFC 6749 §4.4: client_credentials gives an access token for client-<id>, no refresh")
  void clientCredentials() throws OAuthException {
    TokenResponse response =
        op.tokenService.exchange(
            form("grant_type", "client_credentials", "resource", "grafana"),
            basic("grafana", SECRET));
    assertThat(response.refreshToken()).isNull();
    assertThat(response.idToken()).isNull();
    assertThat(op.verify(response.accessToken()))
        .containsEntry("sub", "client-grafana")
        .containsEntry("aud", "grafana")
        .containsEntry("client_id", "grafana");
    TokenResponse noResource =
        op.tokenService.exchange(
            form("grant_type", "client_credentials"), basic("grafana", SECRET));
    assertThat(op.verify(noResource.accessToken())).containsEntry("aud", "grafana");
  }

  @Test
  @DisplayName(
      "RFC 8707 §2: a resource the client may not address is invalid_target (finding 9: another"
          + " client's id, or any URI)")
  void clientCredentialsForeignResource() {
    for (String foreign : List.of("other-client", "https://api.example")) {
      OAuthException e =
          failure(
              form("grant_type", "client_credentials", "resource", foreign),
              basic("grafana", SECRET));
      assertThat(e.error().code()).isEqualTo("invalid_target");
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.error().description()).contains(foreign);
    }
  }

  @Test
  @DisplayName("RFC 6749 §4.4: a public client cannot use client_credentials (unauthorized_client)")
  void clientCredentialsPublic() {
    op.world.publicClient("cli");
    assertThat(failure(form("grant_type", "client_credentials", "client_id", "cli")).error().code())
        .isEqualTo("unauthorized_client");
  }

  @Test
  @DisplayName("RFC 6749 §5.2: a bad client secret at the token endpoint is invalid_client (401)")
  void badSecret() {
    OAuthException e =
        failure(
            form(
                "grant_type",
                "client_credentials",
                "client_id",
                "grafana",
                "client_secret",
                "wrong"));
    assertThat(e.error().code()).isEqualTo("invalid_client");
    assertThat(e.status()).isEqualTo(401);
  }
}

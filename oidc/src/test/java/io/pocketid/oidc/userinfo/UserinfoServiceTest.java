package io.pocketid.oidc.userinfo;

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

class UserinfoServiceTest {
  private final Provider op = new Provider();
  private final User alice = op.world.user("alice");

  UserinfoServiceTest() {
    op.world.confidential("grafana");
  }

  private String accessToken(String scope) throws OAuthException {
    String code = op.code("grafana", alice, scope, null, null);
    TokenResponse response =
        op.tokenService.authorizationCode(
            op.as("grafana"), code, Optional.empty(), Optional.empty());
    return response.accessToken();
  }

  private OAuthException failure(Optional<String> header, Optional<String> form) {
    try {
      op.userinfo.userinfo(header, form);
    } catch (OAuthException e) {
      return e;
    }
    throw new AssertionError("accepted");
  }

  @Test
  @DisplayName("OIDC Core §5.3.2: claims per the token's scope, for a Bearer header or form token")
  void claimsPerTokenScope() throws OAuthException {
    String token = accessToken("openid email");
    Map<String, Object> claims =
        op.userinfo.userinfo(Optional.of("Bearer " + token), Optional.empty());
    assertThat(claims).containsEntry("sub", alice.id()).containsEntry("email", alice.email());
    assertThat(claims).doesNotContainKey("preferred_username");
    assertThat(op.userinfo.userinfo(Optional.empty(), Optional.of(token))).isEqualTo(claims);
    // A wider consent given later does not widen an older token.
    op.completion.upsertConsent(
        alice.id(), "grafana", java.util.List.of("openid", "profile"), op.world.clock.instant());
    assertThat(op.userinfo.userinfo(Optional.of("bearer " + token), Optional.empty()))
        .doesNotContainKey("preferred_username");
  }

  @Test
  @DisplayName("RFC 6750 §3.1: no token is 401 with a Bearer challenge without error code detail")
  void missingToken() {
    OAuthException e = failure(Optional.empty(), Optional.empty());
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.wwwAuthenticate()).contains("Bearer realm=\"https://id.example.com\"");
  }

  @Test
  @DisplayName("RFC 6750 §3.1: an invalid or expired token is 401 invalid_token with a challenge")
  void invalidToken() throws OAuthException {
    OAuthException garbage = failure(Optional.of("Bearer nope"), Optional.empty());
    assertThat(garbage.error().code()).isEqualTo("invalid_token");
    assertThat(garbage.wwwAuthenticate().orElseThrow()).contains("error=\"invalid_token\"");
    String token = accessToken("openid");
    op.world.clock.advance(Duration.ofHours(1));
    assertThat(failure(Optional.of("Bearer " + token), Optional.empty()).error().code())
        .isEqualTo("invalid_token");
  }

  @Test
  @DisplayName("RFC 9068 §4: an ID token (typ JWT) is not accepted as an access token")
  void idTokenRefused() throws OAuthException {
    String code = op.code("grafana", alice, "openid", null, null);
    String idToken =
        op.tokenService
            .authorizationCode(op.as("grafana"), code, Optional.empty(), Optional.empty())
            .idToken();
    assertThat(failure(Optional.of("Bearer " + idToken), Optional.empty()).error().code())
        .isEqualTo("invalid_token");
  }

  @Test
  @DisplayName("OIDC Core §5.3.3: a disabled or deleted user's token is invalid_token")
  void disabledUser() throws OAuthException {
    String token = accessToken("openid");
    op.world.storage.users().update(alice.withDisabled(true));
    assertThat(failure(Optional.of("Bearer " + token), Optional.empty()).error().code())
        .isEqualTo("invalid_token");
  }

  @Test
  @DisplayName("RFC 6750 §2: a token sent both in the header and the body is invalid_request")
  void tokenTwice() throws OAuthException {
    String token = accessToken("openid");
    OAuthException e = failure(Optional.of("Bearer " + token), Optional.of(token));
    assertThat(e.error().code()).isEqualTo("invalid_request");
    assertThat(e.status()).isEqualTo(400);
  }
}

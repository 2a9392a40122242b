package io.pocketid.oidc.grant;

import static io.pocketid.oidc.Provider.CHALLENGE;
import static io.pocketid.oidc.Provider.VERIFIER;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.model.User;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.contract.Fixtures;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.Provider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuthorizationCodeGrantTest {
  private final Provider op = new Provider();
  private final User alice = op.world.user("alice");
  private static final Optional<String> CALLBACK = Optional.of("https://rp.example/callback");

  AuthorizationCodeGrantTest() {
    op.world.confidential("grafana");
  }

  private TokenResponse redeem(String client, String code, Optional<String> verifier)
      throws OAuthException {
    return op.tokenService.authorizationCode(op.as(client), code, CALLBACK, verifier);
  }

  private String error(ThrowingCall call) {
    try {
      call.run();
      return "accepted";
    } catch (OAuthException e) {
      return e.error().code();
    }
  }

  interface ThrowingCall {
    void run() throws OAuthException;
  }

  @Test
  @DisplayName(
      "OIDC Core §3.1.3.3: a code yields access, ID (nonce, auth_time, sid) and refresh tokens")
  void happyPath() throws OAuthException {
    String code = op.code("grafana", alice, "openid email", "n-1", null);
    TokenResponse response = redeem("grafana", code, Optional.empty());
    Map<String, Object> id = op.verify(response.idToken());
    assertThat(id)
        .containsEntry("sub", alice.id())
        .containsEntry("nonce", "n-1")
        .containsEntry("sid", "sid-1")
        .containsEntry("email", alice.email())
        .containsKeys("auth_time", "at_hash");
    Map<String, Object> access = op.verify(response.accessToken());
    assertThat(access).containsEntry("scope", "openid email").containsEntry("client_id", "grafana");
    assertThat(response.tokenType()).isEqualTo("Bearer");
    assertThat(response.expiresIn()).isEqualTo(3600);
    assertThat(response.refreshToken()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(
            op.world.storage.refreshTokens().findByHash(TokenHasher.hash(response.refreshToken())))
        .isPresent();
    assertThat(op.world.storage.refreshTokens().findByHash(response.refreshToken())).isEmpty();
    assertThat(response.toMap()).containsKeys("access_token", "id_token", "refresh_token", "scope");
  }

  @Test
  @DisplayName("OIDC Core §2 / RFC 8176: amr tells how the session signed in (passkey: pop, mfa)")
  void amrFromTheSession() throws OAuthException {
    java.time.Instant now = java.time.Instant.now();
    op.world
        .storage
        .sessions()
        .create(
            new io.pocketid.core.model.BrowserSession(
                "sid-1",
                "hash-of-cookie",
                alice.id(),
                now,
                now.plusSeconds(3600),
                now,
                null,
                null,
                "passkey"));
    String code = op.code("grafana", alice, "openid", "n-1", null);
    Map<String, Object> id = op.verify(redeem("grafana", code, Optional.empty()).idToken());
    assertThat(id).containsEntry("amr", java.util.List.of("pop", "mfa"));
  }

  @Test
  @DisplayName("OIDC Core §2: no amr when the session is gone")
  void noAmrWithoutSession() throws OAuthException {
    String code = op.code("grafana", alice, "openid", "n-1", null);
    assertThat(op.verify(redeem("grafana", code, Optional.empty()).idToken()))
        .doesNotContainKey("amr");
  }

  @Test
  @DisplayName("RFC 6749 §4.1.3: refuses a code issued to another client")
  void otherClient() throws OAuthException {
    op.world.confidential("immich");
    String code = op.code("grafana", alice, "openid", null, null);
    assertThat(error(() -> redeem("immich", code, Optional.empty()))).isEqualTo("invalid_grant");
  }

  @Test
  @DisplayName("RFC 6749 §4.1.2: refuses an expired code")
  void expired() throws OAuthException {
    String code = op.code("grafana", alice, "openid", null, null);
    op.world.clock.advance(Duration.ofMinutes(10));
    assertThat(error(() -> redeem("grafana", code, Optional.empty()))).isEqualTo("invalid_grant");
  }

  @Test
  @DisplayName("RFC 6749 §4.1.3: redirect_uri must be identical to the authorization request's")
  void redirectUriBinding() throws OAuthException {
    String code = op.code("grafana", alice, "openid", null, null);
    assertThat(
            error(
                () ->
                    op.tokenService.authorizationCode(
                        op.as("grafana"),
                        code,
                        Optional.of("https://rp.example/callback/"),
                        Optional.empty())))
        .isEqualTo("invalid_grant");
  }

  @Test
  @DisplayName("RFC 6749 §4.1.3: redirect_uri may be omitted only when the client has one URI")
  void redirectUriOmitted() throws OAuthException {
    String code = op.code("grafana", alice, "openid", null, null);
    op.tokenService.authorizationCode(op.as("grafana"), code, Optional.empty(), Optional.empty());
    op.world.save(
        Fixtures.client("multi")
            .secretHash(null)
            .callbackUrls(List.of("https://rp.example/callback", "https://rp.example/other"))
            .build());
    String second = op.code("multi", alice, "openid", null, null);
    assertThat(
            error(
                () ->
                    op.tokenService.authorizationCode(
                        op.as("multi"), second, Optional.empty(), Optional.empty())))
        .isEqualTo("invalid_request");
  }

  @Test
  @DisplayName("RFC 7636 §4.6: a wrong or missing code_verifier is invalid_grant")
  void pkceVerifier() throws OAuthException {
    String code = op.code("grafana", alice, "openid", null, CHALLENGE);
    assertThat(error(() -> redeem("grafana", code, Optional.of(VERIFIER.replace('d', 'x')))))
        .isEqualTo("invalid_grant");
    String again = op.code("grafana", alice, "openid", null, CHALLENGE);
    assertThat(error(() -> redeem("grafana", again, Optional.empty()))).isEqualTo("invalid_grant");
    String third = op.code("grafana", alice, "openid", null, CHALLENGE);
    assertThat(error(() -> redeem("grafana", third, Optional.of(VERIFIER)))).isEqualTo("accepted");
  }

  @Test
  @DisplayName("RFC 9700 §2.1.1: a code_verifier without a stored challenge is refused (downgrade)")
  void pkceDowngrade() throws OAuthException {
    String code = op.code("grafana", alice, "openid", null, null);
    assertThat(error(() -> redeem("grafana", code, Optional.of(VERIFIER))))
        .isEqualTo("invalid_grant");
  }

  @Test
  @DisplayName("RFC 7636 §4.4.1: a public client's code needs PKCE at the token endpoint")
  void publicClientNeedsPkce() throws OAuthException {
    op.world.publicClient("cli");
    String code = op.code("cli", alice, "openid", null, null);
    assertThat(error(() -> redeem("cli", code, Optional.empty()))).isEqualTo("invalid_grant");
    String withPkce = op.code("cli", alice, "openid", null, CHALLENGE);
    assertThat(error(() -> redeem("cli", withPkce, Optional.of(VERIFIER)))).isEqualTo("accepted");
  }

  @Test
  @DisplayName("RFC 6749 §4.1.2: a reused code fails and revokes the tokens issued from it")
  void reuseRevokes() throws OAuthException {
    String code = op.code("grafana", alice, "openid", null, null);
    TokenResponse first = redeem("grafana", code, Optional.empty());
    assertThat(error(() -> redeem("grafana", code, Optional.empty()))).isEqualTo("invalid_grant");
    assertThat(op.world.storage.refreshTokens().findByHash(TokenHasher.hash(first.refreshToken())))
        .isEmpty();
    assertThat(
            error(
                () ->
                    op.tokenService.refreshToken(
                        op.as("grafana"), first.refreshToken(), Optional.empty())))
        .isEqualTo("invalid_grant");
  }

  @Test
  @DisplayName("RFC 6749 §4.1.2: after reuse, the first access token is refused at userinfo")
  void reuseRevokesAccessTokenAtUserinfo() throws OAuthException {
    String code = op.code("grafana", alice, "openid", null, null);
    TokenResponse first = redeem("grafana", code, Optional.empty());
    Optional<String> bearer = Optional.of("Bearer " + first.accessToken());
    assertThat(op.userinfo.userinfo(bearer, Optional.empty())).containsEntry("sub", alice.id());
    assertThat(error(() -> redeem("grafana", code, Optional.empty()))).isEqualTo("invalid_grant");
    assertThat(error(() -> op.userinfo.userinfo(bearer, Optional.empty())))
        .isEqualTo("invalid_token");
  }

  @Test
  @DisplayName("RFC 6749 §4.1.2: reuse 30 seconds later still revokes (conformance codereuse-30s)")
  void reuseLaterRevokes() throws OAuthException {
    String code = op.code("grafana", alice, "openid", null, null);
    TokenResponse first = redeem("grafana", code, Optional.empty());
    op.world.clock.advance(Duration.ofSeconds(30));
    assertThat(error(() -> redeem("grafana", code, Optional.empty()))).isEqualTo("invalid_grant");
    assertThat(op.world.storage.refreshTokens().findByHash(TokenHasher.hash(first.refreshToken())))
        .isEmpty();
  }

  @Test
  @DisplayName("RFC 6749 §5.2: a code of a disabled user is invalid_grant")
  void disabledUser() throws OAuthException {
    String code = op.code("grafana", alice, "openid", null, null);
    op.world.storage.users().update(alice.withDisabled(true));
    assertThat(error(() -> redeem("grafana", code, Optional.empty()))).isEqualTo("invalid_grant");
  }

  @Test
  @DisplayName(
      "Pocket ID §2.11: the client's group restriction is checked again at the token endpoint")
  void groupRestrictionRechecked() throws OAuthException {
    var admins = Fixtures.group("admins");
    op.world.storage.groups().create(admins);
    op.world.storage.groups().setGroupsOfUser(alice.id(), List.of(admins.id()));
    String code = op.code("grafana", alice, "openid", null, null);
    op.world.storage.clients().setAllowedGroups("grafana", List.of(admins.id()));
    op.world.storage.groups().setGroupsOfUser(alice.id(), List.of());
    assertThat(error(() -> redeem("grafana", code, Optional.empty()))).isEqualTo("invalid_grant");
  }

  @Test
  @DisplayName("Pocket ID §2.6: ID token claims come from groups and custom claims per scope")
  void claimsFromStores() throws OAuthException {
    var devs = Fixtures.group("devs");
    op.world.storage.groups().create(devs);
    op.world.storage.groups().setGroupsOfUser(alice.id(), List.of(devs.id()));
    op.world
        .storage
        .customClaims()
        .replaceForGroup(devs.id(), List.of(new CustomClaim("team", "a")));
    op.world
        .storage
        .customClaims()
        .replaceForUser(alice.id(), List.of(new CustomClaim("team", "b")));
    String code = op.code("grafana", alice, "openid profile groups", null, null);
    Map<String, Object> id = op.verify(redeem("grafana", code, Optional.empty()).idToken());
    assertThat(id)
        .containsEntry("groups", List.of("devs"))
        .containsEntry("team", "b")
        .containsEntry("preferred_username", "alice");
  }
}

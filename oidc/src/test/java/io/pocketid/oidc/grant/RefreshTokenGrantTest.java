package io.pocketid.oidc.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.RefreshToken;
import io.pocketid.core.model.User;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RefreshTokenGrantTest {
  private final Provider op = new Provider();
  private final User alice = op.world.user("alice");

  RefreshTokenGrantTest() {
    op.world.confidential("grafana");
  }

  private TokenResponse initial(String scope) throws OAuthException {
    String code = op.code("grafana", alice, scope, "n-1", null);
    return op.tokenService.authorizationCode(
        op.as("grafana"), code, Optional.empty(), Optional.empty());
  }

  private TokenResponse refresh(String token, Optional<String> scope) throws OAuthException {
    return op.tokenService.refreshToken(op.as("grafana"), token, scope);
  }

  private String error(Callable<?> call) {
    try {
      call.call();
      return "accepted";
    } catch (OAuthException e) {
      return e.error().code();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private RefreshToken stored(String token) {
    return op.world.storage.refreshTokens().findByHash(TokenHasher.hash(token)).orElseThrow();
  }

  @Test
  @DisplayName("RFC 9700 §4.14.2: each refresh rotates the token within the same family")
  void rotation() throws OAuthException {
    TokenResponse first = initial("openid email");
    TokenResponse second = refresh(first.refreshToken(), Optional.empty());
    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(stored(first.refreshToken()).rotated()).isTrue();
    assertThat(stored(second.refreshToken()).familyId())
        .isEqualTo(stored(first.refreshToken()).familyId());
    assertThat(second.scope()).isEqualTo("openid email");
  }

  @Test
  @DisplayName("RFC 9700 §4.14.2: presenting a rotated token revokes the whole family")
  void reuseRevokesFamily() throws OAuthException {
    TokenResponse first = initial("openid");
    TokenResponse second = refresh(first.refreshToken(), Optional.empty());
    assertThat(error(() -> refresh(first.refreshToken(), Optional.empty())))
        .isEqualTo("invalid_grant");
    assertThat(error(() -> refresh(second.refreshToken(), Optional.empty())))
        .isEqualTo("invalid_grant");
    assertThat(op.accessTokens.verify(second.accessToken())).isEmpty();
  }

  @Test
  @DisplayName("RFC 9700 §4.14.2: of two concurrent refreshes with one token exactly one wins")
  void concurrentRefresh() throws Exception {
    TokenResponse first = initial("openid");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      results.add(
          pool.submit(
              () -> {
                start.await();
                return error(() -> refresh(first.refreshToken(), Optional.empty()));
              }));
    }
    start.countDown();
    List<String> outcomes = new ArrayList<>();
    for (Future<String> result : results) {
      outcomes.add(result.get());
    }
    pool.shutdown();
    assertThat(outcomes).containsOnlyOnce("accepted");
  }

  @Test
  @DisplayName("RFC 6749 §6: a refresh token is bound to the client it was issued to")
  void boundToClient() throws OAuthException {
    op.world.confidential("immich");
    TokenResponse first = initial("openid");
    assertThat(
            error(
                () ->
                    op.tokenService.refreshToken(
                        op.as("immich"), first.refreshToken(), Optional.empty())))
        .isEqualTo("invalid_grant");
  }

  @Test
  @DisplayName("RFC 6749 §6: scope may narrow (new token keeps the original) but never grow")
  void scopeNarrowsOnly() throws OAuthException {
    TokenResponse first = initial("openid email");
    TokenResponse narrow = refresh(first.refreshToken(), Optional.of("openid"));
    assertThat(narrow.scope()).isEqualTo("openid");
    assertThat(op.verify(narrow.idToken())).doesNotContainKey("email");
    assertThat(stored(narrow.refreshToken()).scope()).isEqualTo("openid email");
    assertThat(error(() -> refresh(narrow.refreshToken(), Optional.of("openid profile"))))
        .isEqualTo("invalid_scope");
  }

  @Test
  @DisplayName("RFC 6749 §5.2: an expired refresh token is invalid_grant")
  void expired() throws OAuthException {
    TokenResponse first = initial("openid");
    op.world.clock.advance(Duration.ofDays(30));
    assertThat(error(() -> refresh(first.refreshToken(), Optional.empty())))
        .isEqualTo("invalid_grant");
  }

  @Test
  @DisplayName("RFC 6749 §5.2: refresh for a disabled or deleted user is invalid_grant")
  void disabledOrDeletedUser() throws OAuthException {
    TokenResponse first = initial("openid");
    op.world.storage.users().update(alice.withDisabled(true));
    assertThat(error(() -> refresh(first.refreshToken(), Optional.empty())))
        .isEqualTo("invalid_grant");
    op.world.storage.users().update(alice.withDisabled(false));
    op.world.storage.users().delete(alice.id());
    assertThat(error(() -> refresh(first.refreshToken(), Optional.empty())))
        .isEqualTo("invalid_grant");
  }

  @Test
  @DisplayName("OIDC Core §12.2: the ID token from a refresh has no nonce but the same sub and sid")
  void idTokenWithoutNonce() throws OAuthException {
    TokenResponse first = initial("openid");
    Map<String, Object> id = op.verify(refresh(first.refreshToken(), Optional.empty()).idToken());
    assertThat(id).doesNotContainKey("nonce").containsEntry("sub", alice.id());
    assertThat(id).containsEntry("sid", "sid-1");
  }

  @Test
  @DisplayName("Pocket ID migration: a v1 JWT refresh token (rt claim) is found by sha256(rt)")
  void pocketIdJwtRefreshToken() throws OAuthException {
    initial("openid");
    String rt = "a".repeat(40);
    op.world
        .storage
        .refreshTokens()
        .save(
            new RefreshToken(
                "imported",
                TokenHasher.hash(rt),
                "fam-imported",
                op.world.clock.instant(),
                op.world.clock.instant().plusSeconds(3600),
                alice.id(),
                "grafana",
                "openid",
                false,
                null,
                op.world.clock.instant()));
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", alice.id());
    claims.put("iss", op.world.settings.issuer());
    claims.put("aud", "grafana");
    claims.put("type", "refresh-token");
    claims.put("rt", rt);
    claims.put("exp", op.world.clock.instant().plusSeconds(3600).getEpochSecond());
    String jwt = op.world.ring.sign(claims, "JWT");
    assertThat(refresh(jwt, Optional.empty()).accessToken()).isNotBlank();
  }
}

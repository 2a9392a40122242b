package io.pocketid.oidc.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.keys.KeyRing;
import io.pocketid.oidc.keys.SigningAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TokensTest {
  private static final String ISSUER = "http://localhost:1411";
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final String JWK = KeyRing.generate(SigningAlgorithm.ES256);
  private final KeyRing ring = KeyRing.of(List.of(JWK), KeyRing.kidOf(JWK));
  private final TokenFactory tokens =
      new TokenFactory(OidcSettings.defaults(ISSUER), () -> ring, Clock.fixed(NOW, ZoneOffset.UTC));
  private final User alice =
      new User(
          "u-1",
          NOW,
          "alice",
          "alice@example.com",
          "Alice",
          "Liddell",
          "Alice L.",
          false,
          null,
          "en",
          false);

  private static String header(String jwt) {
    return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName(
      "RFC 9068 §2: access tokens are at+jwt with iss, sub, aud, exp, iat, jti, client_id, scope")
  void accessTokenShape() {
    TokenFactory.Minted minted =
        tokens.accessToken("u-1", "grafana", "openid email", "grafana", NOW);
    assertThat(header(minted.token())).contains("\"typ\":\"at+jwt\"");
    Map<String, Object> claims = ring.verify(minted.token()).orElseThrow();
    assertThat(claims)
        .containsEntry("iss", ISSUER)
        .containsEntry("sub", "u-1")
        .containsEntry("client_id", "grafana")
        .containsEntry("scope", "openid email")
        .containsEntry("jti", minted.jti())
        .containsKeys("aud", "exp", "iat", "auth_time");
    assertThat(minted.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
  }

  @Test
  @DisplayName(
      "OIDC Core §2 and §3.1.3.6: ID tokens carry nonce, auth_time, azp, sid, amr, at_hash")
  void idTokenShape() {
    String accessToken = tokens.accessToken("u-1", "grafana", "openid", "grafana", NOW).token();
    TokenFactory.Minted id =
        tokens.idToken(
            Map.of("sub", "u-1"),
            "grafana",
            "n-0S6",
            NOW.minusSeconds(30),
            "sid-1",
            List.of("hwk", "user"),
            accessToken);
    Map<String, Object> claims = ring.verify(id.token()).orElseThrow();
    assertThat(claims)
        .containsEntry("nonce", "n-0S6")
        .containsEntry("azp", "grafana")
        .containsEntry("sid", "sid-1")
        .containsEntry("at_hash", TokenFactory.tokenHash(accessToken, "ES256"))
        .containsEntry("amr", List.of("hwk", "user"));
    assertThat(((Number) claims.get("auth_time")).longValue())
        .isEqualTo(NOW.minusSeconds(30).getEpochSecond());
    assertThat(claims.get("aud")).isIn("grafana", List.of("grafana"));
  }

  @Test
  @DisplayName("OIDC Core §3.1.3.6: at_hash of the spec's example token")
  void atHashKnownVector() {
    // OIDC Core Appendix A.3 uses this access token and at_hash (RS256 → SHA-256).
    assertThat(TokenFactory.tokenHash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", "RS256"))
        .isEqualTo("77QmUPtjPfzWtF2AnpK9RQ");
  }

  @Test
  @DisplayName("OIDC Back-Channel Logout §2.4: logout tokens have events and sid, never nonce")
  void logoutTokenShape() {
    String token = tokens.logoutToken("u-1", "sid-1", "grafana").token();
    Map<String, Object> claims = ring.verify(token).orElseThrow();
    assertThat(claims).containsKeys("events", "jti", "iat").containsEntry("sid", "sid-1");
    assertThat(claims).doesNotContainKey("nonce");
  }

  @Test
  @DisplayName(
      "Pocket ID §2.6: claims per scope, custom claims as JSON, user claims over group claims")
  void userClaimsPerScope() {
    List<UserGroup> groups = List.of(new UserGroup("g", NOW, "Developers", "developers", null));
    Map<String, Object> none =
        UserClaims.of(alice, List.of("openid"), groups, List.of(), List.of(), false, ISSUER);
    assertThat(none).containsOnlyKeys("sub");

    Map<String, Object> all =
        UserClaims.of(
            alice,
            List.of("openid", "email", "profile", "groups"),
            groups,
            List.of(
                new CustomClaim("team", "\"blue\""),
                new CustomClaim("level", "3"),
                new CustomClaim("sub", "hijack")),
            List.of(new CustomClaim("team", "red"), new CustomClaim("roles", "[\"a\",\"b\"]")),
            true,
            ISSUER);
    assertThat(all)
        .containsEntry("sub", "u-1")
        .containsEntry("email", "alice@example.com")
        .containsEntry("email_verified", true)
        .containsEntry("groups", List.of("developers"))
        .containsEntry("name", "Alice Liddell")
        .containsEntry("preferred_username", "alice")
        .containsEntry("display_name", "Alice L.")
        .containsEntry("picture", ISSUER + "/api/users/u-1/profile-picture.png")
        .containsEntry("team", "blue")
        .containsEntry("roles", List.of("a", "b"));
    assertThat(((Number) all.get("level")).intValue()).isEqualTo(3);
  }

  @Test
  void jsonValueWhenNotOneJsonValueThenTheStringItself() {
    assertThat(UserClaims.jsonValue("hello")).isEqualTo("hello");
    assertThat(UserClaims.jsonValue("1, \"x\": 2")).isEqualTo("1, \"x\": 2");
    assertThat(UserClaims.jsonValue("{\"a\":1}")).isEqualTo(Map.of("a", 1L));
    assertThat(UserClaims.jsonValue("true")).isEqualTo(true);
  }

  @Test
  @DisplayName("RFC 7636 §4.6: S256 verifier check, with the RFC's Appendix B example")
  void pkceVerify() {
    String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    String challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    assertThat(Pkce.verify(challenge, verifier)).isTrue();
    assertThat(Pkce.verify(challenge, verifier.replace('d', 'e'))).isFalse();
    assertThat(Pkce.verify(challenge, null)).isFalse();
    assertThat(Pkce.verify(challenge, "short")).isFalse();
    assertThat(Pkce.verify(null, verifier)).isFalse();
  }
}

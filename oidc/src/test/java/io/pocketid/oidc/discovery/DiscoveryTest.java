package io.pocketid.oidc.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.oidc.OidcSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
  @Test
  @DisplayName(
      "OIDC Discovery §3: Pocket ID's endpoint paths; back-channel ones on INTERNAL_APP_URL")
  void endpoints() {
    Map<String, Object> doc =
        Discovery.openidConfiguration(
            OidcSettings.defaults("https://id.example.com")
                .withInternalBaseUrl("http://pocket-id:1411"),
            List.of("RS256"));
    assertThat(doc)
        .containsEntry("issuer", "https://id.example.com")
        .containsEntry("authorization_endpoint", "https://id.example.com/authorize")
        .containsEntry("token_endpoint", "http://pocket-id:1411/api/oidc/token")
        .containsEntry("userinfo_endpoint", "http://pocket-id:1411/api/oidc/userinfo")
        .containsEntry("jwks_uri", "http://pocket-id:1411/.well-known/jwks.json")
        .containsEntry("end_session_endpoint", "https://id.example.com/api/oidc/end-session")
        .containsEntry(
            "device_authorization_endpoint", "https://id.example.com/api/oidc/device/authorize")
        .containsEntry("id_token_signing_alg_values_supported", List.of("RS256"))
        .containsEntry("response_types_supported", List.of("code"))
        .containsEntry("code_challenge_methods_supported", List.of("S256"))
        .containsEntry("authorization_response_iss_parameter_supported", true)
        .containsEntry(
            "pushed_authorization_request_endpoint", "http://pocket-id:1411/api/oidc/par")
        .containsEntry("require_pushed_authorization_requests", false);
  }

  @Test
  @DisplayName("Pocket ID §10: no id_token response type and no plain PKCE are advertised")
  void noFalseAdvertising() {
    Map<String, Object> doc =
        Discovery.openidConfiguration(
            OidcSettings.defaults("http://localhost:1411"), List.of("ES256"));
    assertThat(doc.get("response_types_supported")).isEqualTo(List.of("code"));
    assertThat(doc.get("code_challenge_methods_supported")).isEqualTo(List.of("S256"));
    assertThat(doc.get("scopes_supported"))
        .isEqualTo(List.of("openid", "profile", "email", "groups"));
  }
}

package io.pocketid.oidc.discovery;

import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.authorize.AuthorizationRequestValidator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider metadata for {@code /.well-known/openid-configuration} (OpenID Connect Discovery 1.0
 * §3) and {@code /.well-known/oauth-authorization-server} (RFC 8414). Endpoint paths are Pocket
 * ID's; back-channel endpoints use INTERNAL_APP_URL as Pocket ID does. Everything listed here is
 * implemented by this provider, and nothing it implements is left out.
 */
public final class Discovery {
  /** Endpoint paths, relative to APP_URL or INTERNAL_APP_URL. */
  public static final String AUTHORIZE_PATH = "/authorize";

  public static final String TOKEN_PATH = "/api/oidc/token";
  public static final String USERINFO_PATH = "/api/oidc/userinfo";
  public static final String INTROSPECT_PATH = "/api/oidc/introspect";
  public static final String REVOKE_PATH = "/api/oidc/revoke";
  public static final String END_SESSION_PATH = "/api/oidc/end-session";
  public static final String DEVICE_AUTHORIZATION_PATH = "/api/oidc/device/authorize";
  public static final String PAR_PATH = "/api/oidc/par";
  public static final String JWKS_PATH = "/.well-known/jwks.json";

  public static final List<String> GRANT_TYPES =
      List.of(
          "authorization_code",
          "refresh_token",
          "urn:ietf:params:oauth:grant-type:device_code",
          "client_credentials");
  public static final List<String> CLIENT_AUTH_METHODS =
      List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none");
  public static final List<String> CLAIMS =
      List.of(
          "sub",
          "iss",
          "aud",
          "exp",
          "iat",
          "auth_time",
          "nonce",
          "acr",
          "amr",
          "azp",
          "sid",
          "name",
          "given_name",
          "family_name",
          "preferred_username",
          "display_name",
          "picture",
          "email",
          "email_verified",
          "groups");

  private Discovery() {}

  /**
   * OpenID provider metadata.
   *
   * @param signingAlgorithms the {@code alg} of the current signing key (first) and any others
   */
  public static Map<String, Object> openidConfiguration(
      OidcSettings settings, List<String> signingAlgorithms) {
    String app = settings.issuer();
    String internal = settings.internalBaseUrl();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", app);
    doc.put("authorization_endpoint", app + AUTHORIZE_PATH);
    doc.put("token_endpoint", internal + TOKEN_PATH);
    doc.put("userinfo_endpoint", internal + USERINFO_PATH);
    doc.put("jwks_uri", internal + JWKS_PATH);
    doc.put("end_session_endpoint", app + END_SESSION_PATH);
    doc.put("introspection_endpoint", internal + INTROSPECT_PATH);
    doc.put("revocation_endpoint", internal + REVOKE_PATH);
    doc.put("device_authorization_endpoint", app + DEVICE_AUTHORIZATION_PATH);
    doc.put("pushed_authorization_request_endpoint", internal + PAR_PATH);
    doc.put(
        "scopes_supported",
        List.of("openid", "profile", "email", "groups").stream()
            .filter(AuthorizationRequestValidator.SUPPORTED_SCOPES::contains)
            .toList());
    doc.put("response_types_supported", List.of("code"));
    doc.put("response_modes_supported", List.of("query", "form_post"));
    doc.put("grant_types_supported", GRANT_TYPES);
    doc.put("subject_types_supported", List.of("public"));
    doc.put("id_token_signing_alg_values_supported", List.copyOf(signingAlgorithms));
    doc.put("token_endpoint_auth_methods_supported", CLIENT_AUTH_METHODS);
    doc.put("introspection_endpoint_auth_methods_supported", CLIENT_AUTH_METHODS.subList(0, 3));
    doc.put("revocation_endpoint_auth_methods_supported", CLIENT_AUTH_METHODS);
    doc.put("code_challenge_methods_supported", List.of("S256"));
    doc.put("claims_supported", CLAIMS);
    doc.put("prompt_values_supported", List.of("none", "login", "consent", "select_account"));
    doc.put("authorization_response_iss_parameter_supported", true);
    doc.put("request_parameter_supported", false);
    doc.put("request_uri_parameter_supported", false);
    doc.put("require_pushed_authorization_requests", false);
    doc.put("claims_parameter_supported", false);
    doc.put("backchannel_logout_supported", true);
    doc.put("backchannel_logout_session_supported", true);
    return Collections.unmodifiableMap(doc);
  }

  /** RFC 8414 authorization server metadata: the same document. */
  public static Map<String, Object> authorizationServerMetadata(
      OidcSettings settings, List<String> signingAlgorithms) {
    return openidConfiguration(settings, signingAlgorithms);
  }
}

package io.pocketid.oidc.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.OidcClient;
import io.pocketid.oidc.OAuthError;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuthorizationRequestValidatorTest {
  private static final String CALLBACK = "https://rp.example.com/cb";
  private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  private static OidcClient client(String id, boolean publicClient, List<String> callbacks) {
    return new OidcClient(
        id,
        Instant.EPOCH,
        "RP",
        null,
        callbacks,
        List.of(),
        null,
        null,
        null,
        null,
        publicClient,
        false,
        false,
        null,
        List.of());
  }

  private final AuthorizationRequestValidator validator =
      new AuthorizationRequestValidator(
          id ->
              switch (id) {
                case "confidential" -> Optional.of(client(id, false, List.of(CALLBACK)));
                case "public" -> Optional.of(client(id, true, List.of(CALLBACK)));
                case "two" ->
                    Optional.of(client(id, false, List.of(CALLBACK, "https://rp.example.com/b")));
                default -> Optional.empty();
              });

  private static Map<String, List<String>> params(String... pairs) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put("client_id", List.of("confidential"));
    map.put("redirect_uri", List.of(CALLBACK));
    map.put("response_type", List.of("code"));
    map.put("scope", List.of("openid profile"));
    map.put("state", List.of("st"));
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == null) {
        map.remove(pairs[i]);
      } else {
        map.put(pairs[i], List.of(pairs[i + 1]));
      }
    }
    return map;
  }

  private OAuthError redirected(Map<String, List<String>> params) {
    AuthorizationValidation result = validator.validate(params);
    assertThat(result).isInstanceOf(AuthorizationValidation.ErrorRedirect.class);
    AuthorizationValidation.ErrorRedirect redirect = (AuthorizationValidation.ErrorRedirect) result;
    assertThat(redirect.redirectUri()).isEqualTo(CALLBACK);
    assertThat(redirect.state()).isEqualTo("st");
    return redirect.error();
  }

  private OAuthError page(Map<String, List<String>> params) {
    AuthorizationValidation result = validator.validate(params);
    assertThat(result).isInstanceOf(AuthorizationValidation.ErrorPage.class);
    return ((AuthorizationValidation.ErrorPage) result).error();
  }

  @Test
  @DisplayName("OIDC Core §3.1.2.1: a complete code request is valid; unknown scopes are dropped")
  void validRequest() {
    AuthorizationValidation result =
        validator.validate(
            params(
                "scope",
                "openid email unknown profile",
                "nonce",
                "n-1",
                "prompt",
                "login",
                "max_age",
                "300",
                "login_hint",
                "alice"));
    assertThat(result).isInstanceOf(AuthorizationValidation.Valid.class);
    AuthorizationRequest request = ((AuthorizationValidation.Valid) result).request();
    assertThat(request.scopes()).containsExactly("openid", "email", "profile");
    assertThat(request.nonce()).isEqualTo("n-1");
    assertThat(request.prompts()).containsExactly("login");
    assertThat(request.maxAgeSeconds()).isEqualTo(300L);
    assertThat(request.responseMode()).isEqualTo("query");
    assertThat(request.loginHint()).isEqualTo("alice");
  }

  @Test
  @DisplayName("RFC 6749 §4.1.2.1: unknown, missing or repeated client_id gives an error page")
  void clientErrorsArePages() {
    assertThat(page(params("client_id", "nobody")).description()).contains("unknown client_id");
    assertThat(page(params("client_id", null)).description()).isEqualTo("client_id is missing");
    Map<String, List<String>> repeated = params();
    repeated.put("client_id", List.of("confidential", "public"));
    assertThat(page(repeated).description()).isEqualTo("client_id is repeated");
  }

  @Test
  @DisplayName("RFC 6749 §3.1.2.4: an unregistered redirect_uri is never redirected to")
  void unregisteredRedirectUriIsPage() {
    assertThat(page(params("redirect_uri", "https://evil.test/cb")).description())
        .isEqualTo("redirect_uri is not registered for this client");
    assertThat(page(params("redirect_uri", CALLBACK + "/")).code())
        .isEqualTo(OAuthError.INVALID_REQUEST);
  }

  @Test
  @DisplayName("RFC 6749 §3.1.2.3: a missing redirect_uri uses the only registered one")
  void missingRedirectUriWithSingleRegistration() {
    assertThat(validator.validate(params("redirect_uri", null)))
        .isInstanceOf(AuthorizationValidation.Valid.class);
    assertThat(page(params("client_id", "two", "redirect_uri", null)).description())
        .isEqualTo("redirect_uri is missing");
  }

  @Test
  @DisplayName("RFC 6749 §3.1.1: response_type other than code → unsupported_response_type")
  void responseType() {
    assertThat(redirected(params("response_type", "token")).code())
        .isEqualTo(OAuthError.UNSUPPORTED_RESPONSE_TYPE);
    assertThat(redirected(params("response_type", null)).code())
        .isEqualTo(OAuthError.INVALID_REQUEST);
  }

  @Test
  @DisplayName("OIDC Core §3.1.2.1: scope without openid → invalid_scope")
  void scopeWithoutOpenid() {
    assertThat(redirected(params("scope", "profile email")).code())
        .isEqualTo(OAuthError.INVALID_SCOPE);
    assertThat(redirected(params("scope", null)).code()).isEqualTo(OAuthError.INVALID_SCOPE);
  }

  @Test
  @DisplayName("RFC 7636 §4.4.1: public clients must send an S256 code_challenge")
  void pkceRequiredForPublicClients() {
    assertThat(redirected(params("client_id", "public")).description())
        .contains("code_challenge is required");
    assertThat(
            validator.validate(
                params(
                    "client_id",
                    "public",
                    "code_challenge",
                    CHALLENGE,
                    "code_challenge_method",
                    "S256")))
        .isInstanceOf(AuthorizationValidation.Valid.class);
  }

  @Test
  @DisplayName("RFC 9700 §2.1.1: PKCE plain (also as the default method) is refused")
  void pkcePlainRefused() {
    assertThat(redirected(params("code_challenge", CHALLENGE)).description())
        .contains("must be S256");
    assertThat(
            redirected(params("code_challenge", CHALLENGE, "code_challenge_method", "plain"))
                .code())
        .isEqualTo(OAuthError.INVALID_REQUEST);
    assertThat(
            redirected(params("code_challenge", "short", "code_challenge_method", "S256"))
                .description())
        .contains("43 to 128");
  }

  @Test
  @DisplayName("OIDC Core §3.1.2.1: prompt=none cannot be combined; unknown prompts refused")
  void promptRules() {
    assertThat(redirected(params("prompt", "none login")).description())
        .isEqualTo("prompt=none cannot be combined");
    assertThat(redirected(params("prompt", "bogus")).code()).isEqualTo(OAuthError.INVALID_REQUEST);
    assertThat(redirected(params("max_age", "-1")).description()).contains("max_age");
  }

  @Test
  @DisplayName("OIDC Core §6: request objects and request_uri are refused with their own codes")
  void requestObjectsRefused() {
    assertThat(redirected(params("request", "eyJ...")).code())
        .isEqualTo(OAuthError.REQUEST_NOT_SUPPORTED);
    assertThat(redirected(params("request_uri", "https://x")).code())
        .isEqualTo(OAuthError.REQUEST_URI_NOT_SUPPORTED);
  }

  @Test
  @DisplayName("RFC 6749 §3.1: repeated parameters are refused")
  void repeatedParameterRefused() {
    Map<String, List<String>> repeated = params();
    repeated.put("scope", List.of("openid", "openid email"));
    assertThat(redirected(repeated).description()).isEqualTo("scope is repeated");
  }

  @Test
  @DisplayName("OAuth 2.0 Form Post Response Mode: form_post accepted, fragment refused")
  void responseModes() {
    AuthorizationValidation formPost = validator.validate(params("response_mode", "form_post"));
    assertThat(((AuthorizationValidation.Valid) formPost).request().responseMode())
        .isEqualTo("form_post");
    AuthorizationValidation fragment = validator.validate(params("response_mode", "fragment"));
    assertThat(fragment).isInstanceOf(AuthorizationValidation.ErrorRedirect.class);
    assertThat(((AuthorizationValidation.ErrorRedirect) fragment).responseMode())
        .isEqualTo("query");
  }

  @Test
  @DisplayName("Oversized parameter values are refused")
  void oversizedValuesRefused() {
    assertThat(redirected(params("nonce", "n".repeat(5000))).description())
        .isEqualTo("nonce is too long");
  }
}

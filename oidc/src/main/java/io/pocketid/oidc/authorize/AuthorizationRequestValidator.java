package io.pocketid.oidc.authorize;

import io.pocketid.core.model.OidcClient;
import io.pocketid.oidc.OAuthError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Validates authorization requests, one method per rule. Stateless and thread-safe. Client and
 * redirect URI are checked first; until both are trusted, errors go to an error page.
 */
public final class AuthorizationRequestValidator {
  /** The scopes this provider understands; others are ignored (OIDC Core §3.1.2.1). */
  public static final Set<String> SUPPORTED_SCOPES = Set.of("openid", "profile", "email", "groups");

  static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");
  private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
  private static final int MAX_VALUE_LENGTH = 4096;

  private final Function<String, Optional<OidcClient>> clients;

  /**
   * @param clients looks a client up by id
   */
  public AuthorizationRequestValidator(Function<String, Optional<OidcClient>> clients) {
    this.clients = clients;
  }

  /** Validates query or form parameters (each name with all its values). */
  public AuthorizationValidation validate(Map<String, List<String>> params) {
    Optional<OAuthError> pageError = single(params, "client_id");
    if (pageError.isPresent()) {
      return new AuthorizationValidation.ErrorPage(pageError.get());
    }
    String clientId = value(params, "client_id");
    if (clientId == null || clientId.isBlank()) {
      return page("client_id is missing");
    }
    Optional<OidcClient> found = clients.apply(clientId);
    if (found.isEmpty()) {
      return page("unknown client_id '" + truncate(clientId) + "'");
    }
    OidcClient client = found.get();
    if (single(params, "redirect_uri").isPresent()) {
      return page("redirect_uri is repeated");
    }
    Optional<String> redirectUri = redirectUri(client, value(params, "redirect_uri"));
    if (redirectUri.isEmpty()) {
      return page(
          value(params, "redirect_uri") == null
              ? "redirect_uri is missing"
              : "redirect_uri is not registered for this client");
    }
    String state = value(params, "state");
    String responseMode = value(params, "response_mode");
    if (responseMode != null
        && !responseMode.equals("query")
        && !responseMode.equals("form_post")) {
      return new AuthorizationValidation.ErrorRedirect(
          redirectUri.get(),
          "query",
          state,
          OAuthError.invalidRequest(
              "response_mode '" + truncate(responseMode) + "' is not supported"));
    }
    String mode = responseMode == null ? "query" : responseMode;
    Optional<OAuthError> error = validateRest(client, params);
    if (error.isPresent()) {
      return new AuthorizationValidation.ErrorRedirect(redirectUri.get(), mode, state, error.get());
    }
    String challenge = value(params, "code_challenge");
    return new AuthorizationValidation.Valid(
        new AuthorizationRequest(
            client.id(),
            redirectUri.get(),
            scopes(value(params, "scope")),
            state,
            value(params, "nonce"),
            challenge,
            challenge == null ? null : "S256",
            mode,
            prompts(value(params, "prompt")),
            maxAge(value(params, "max_age")),
            value(params, "login_hint")));
  }

  private Optional<OAuthError> validateRest(OidcClient client, Map<String, List<String>> params) {
    for (Map.Entry<String, List<String>> entry : params.entrySet()) {
      if (entry.getValue().size() > 1) {
        return Optional.of(OAuthError.invalidRequest(truncate(entry.getKey()) + " is repeated"));
      }
      if (!entry.getValue().isEmpty() && entry.getValue().get(0).length() > MAX_VALUE_LENGTH) {
        return Optional.of(OAuthError.invalidRequest(truncate(entry.getKey()) + " is too long"));
      }
    }
    return firstError(
        unsupportedFeatures(params),
        responseType(value(params, "response_type")),
        scope(value(params, "scope")),
        pkce(client, value(params, "code_challenge"), value(params, "code_challenge_method")),
        prompt(value(params, "prompt")),
        maxAgeError(value(params, "max_age")));
  }

  @SafeVarargs
  private static Optional<OAuthError> firstError(Optional<OAuthError>... checks) {
    for (Optional<OAuthError> check : checks) {
      if (check.isPresent()) {
        return check;
      }
    }
    return Optional.empty();
  }

  /** OIDC Core §6: request objects, request_uri (outside PAR) and registration are refused. */
  static Optional<OAuthError> unsupportedFeatures(Map<String, List<String>> params) {
    if (params.containsKey("request")) {
      return Optional.of(
          new OAuthError(OAuthError.REQUEST_NOT_SUPPORTED, "request objects are not supported"));
    }
    if (params.containsKey("request_uri")) {
      return Optional.of(
          new OAuthError(
              OAuthError.REQUEST_URI_NOT_SUPPORTED, "request_uri is not supported here"));
    }
    if (params.containsKey("registration")) {
      return Optional.of(
          new OAuthError(
              OAuthError.REGISTRATION_NOT_SUPPORTED,
              "the registration parameter is not supported"));
    }
    return Optional.empty();
  }

  /** RFC 6749 §4.1.1 and §3.1.1: response_type is required and only {@code code} is supported. */
  static Optional<OAuthError> responseType(String responseType) {
    if (responseType == null || responseType.isBlank()) {
      return Optional.of(OAuthError.invalidRequest("response_type is missing"));
    }
    if (!responseType.equals("code")) {
      return Optional.of(
          new OAuthError(
              OAuthError.UNSUPPORTED_RESPONSE_TYPE,
              "response_type '" + truncate(responseType) + "' is not supported; use 'code'"));
    }
    return Optional.empty();
  }

  /** OIDC Core §3.1.2.1: the scope must contain {@code openid}. */
  static Optional<OAuthError> scope(String scope) {
    if (scope == null || !List.of(scope.trim().split(" +")).contains("openid")) {
      return Optional.of(
          new OAuthError(OAuthError.INVALID_SCOPE, "the scope must contain 'openid'"));
    }
    return Optional.empty();
  }

  /**
   * RFC 7636 §4.3 and RFC 9700 §2.1.1: PKCE with S256 is required for public clients and clients
   * with PKCE on; {@code plain} is refused; a challenge must be 43–128 unreserved characters.
   */
  static Optional<OAuthError> pkce(OidcClient client, String challenge, String method) {
    if (challenge == null) {
      if (method != null) {
        return Optional.of(
            OAuthError.invalidRequest("code_challenge_method without code_challenge"));
      }
      if (client.publicClient() || client.pkceEnabled()) {
        return Optional.of(
            OAuthError.invalidRequest("code_challenge is required for this client (PKCE)"));
      }
      return Optional.empty();
    }
    if (method == null || !method.equals("S256")) {
      return Optional.of(
          OAuthError.invalidRequest(
              "code_challenge_method must be S256"
                  + (method == null ? " (the default 'plain' is not allowed)" : "")));
    }
    if (!CODE_CHALLENGE.matcher(challenge).matches()) {
      return Optional.of(
          OAuthError.invalidRequest("code_challenge must be 43 to 128 unreserved characters"));
    }
    return Optional.empty();
  }

  /** OIDC Core §3.1.2.1: prompt values are known, and {@code none} stands alone. */
  static Optional<OAuthError> prompt(String prompt) {
    Set<String> values = prompts(prompt);
    for (String value : values) {
      if (!PROMPTS.contains(value)) {
        return Optional.of(
            OAuthError.invalidRequest("prompt value '" + truncate(value) + "' is not supported"));
      }
    }
    if (values.contains("none") && values.size() > 1) {
      return Optional.of(OAuthError.invalidRequest("prompt=none cannot be combined"));
    }
    return Optional.empty();
  }

  /** OIDC Core §3.1.2.1: max_age is a non-negative number of seconds. */
  static Optional<OAuthError> maxAgeError(String maxAge) {
    if (maxAge != null && maxAge(maxAge) == null) {
      return Optional.of(OAuthError.invalidRequest("max_age must be a non-negative integer"));
    }
    return Optional.empty();
  }

  private static Long maxAge(String value) {
    if (value == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(value.trim());
      return seconds < 0 ? null : seconds;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Set<String> prompts(String prompt) {
    Set<String> values = new LinkedHashSet<>();
    if (prompt != null) {
      for (String value : prompt.trim().split(" +")) {
        if (!value.isEmpty()) {
          values.add(value);
        }
      }
    }
    return values;
  }

  private static List<String> scopes(String scope) {
    List<String> out = new ArrayList<>();
    for (String value : scope.trim().split(" +")) {
      if (SUPPORTED_SCOPES.contains(value) && !out.contains(value)) {
        out.add(value);
      }
    }
    return out;
  }

  /**
   * RFC 6749 §3.1.2.3: the redirect URI must match a registered one; when it is absent and the
   * client has exactly one registered URI without wildcard, that one is used.
   */
  static Optional<String> redirectUri(OidcClient client, String requested) {
    if (requested == null) {
      List<String> exact = client.callbackUrls().stream().filter(u -> !u.contains("*")).toList();
      return client.callbackUrls().size() == 1 && exact.size() == 1
          ? Optional.of(exact.get(0))
          : Optional.empty();
    }
    return RedirectUris.match(client.callbackUrls(), requested);
  }

  private static Optional<OAuthError> single(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values != null && values.size() > 1
        ? Optional.of(OAuthError.invalidRequest(name + " is repeated"))
        : Optional.empty();
  }

  private static String value(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static AuthorizationValidation page(String description) {
    return new AuthorizationValidation.ErrorPage(OAuthError.invalidRequest(description));
  }

  private static String truncate(String value) {
    return value.length() > 64 ? value.substring(0, 64) + "…" : value;
  }
}

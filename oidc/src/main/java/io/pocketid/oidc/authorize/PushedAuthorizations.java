package io.pocketid.oidc.authorize;

import io.pocketid.oidc.OAuthError;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.client.AuthenticatedClient;
import io.pocketid.oidc.client.ClientAuthenticator;
import io.pocketid.oidc.keys.KeyRing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Pushed Authorization Requests (RFC 9126). The pushed parameters are validated at once and come
 * back as a {@code request_uri} that carries them signed by the current key ring with a ten-minute
 * expiry (long enough to sign in with a passkey and consent), so any instance can resolve it
 * without shared state. RFC 9126 §4 recommends one-time use ("SHOULD"); a request URI here may be
 * reused until it expires (a reload of the authorization page), which is what the RFC allows.
 */
public final class PushedAuthorizations {
  public static final String URN_PREFIX = "urn:ietf:params:oauth:request_uri:";
  public static final Duration LIFETIME = Duration.ofMinutes(10);
  private static final String PURPOSE = "pushed-authorization-request";
  private static final Set<String> CLIENT_AUTH_PARAMS =
      Set.of("client_secret", "client_assertion", "client_assertion_type");

  private final OidcSettings settings;
  private final ClientAuthenticator clients;
  private final AuthorizationRequestValidator validator;
  private final Supplier<KeyRing> keys;
  private final Clock clock;

  public PushedAuthorizations(
      OidcSettings settings,
      ClientAuthenticator clients,
      AuthorizationRequestValidator validator,
      Supplier<KeyRing> keys,
      Clock clock) {
    this.settings = settings;
    this.clients = clients;
    this.validator = validator;
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * RFC 9126 §2: authenticates the client, validates the request as the authorization endpoint
   * would, and returns {@code {"request_uri", "expires_in"}} (to be sent with 201).
   *
   * @throws OAuthException invalid_client (401) or the validation error (400)
   */
  public Map<String, Object> push(Map<String, List<String>> form, String authorizationHeader)
      throws OAuthException {
    AuthenticatedClient client =
        clients.authenticate(form, Optional.ofNullable(authorizationHeader));
    if (form.containsKey("request_uri")) {
      throw OAuthException.badRequest(
          OAuthError.invalidRequest("request_uri must not be pushed (RFC 9126 §2.1)"));
    }
    List<String> clientIds = form.getOrDefault("client_id", List.of());
    if (clientIds.size() > 1 || (clientIds.size() == 1 && !clientIds.get(0).equals(client.id()))) {
      throw OAuthException.badRequest(
          OAuthError.invalidRequest("client_id does not match the authenticated client"));
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    form.forEach(
        (name, values) -> {
          if (!CLIENT_AUTH_PARAMS.contains(name)) {
            params.put(name, List.copyOf(values));
          }
        });
    params.put("client_id", List.of(client.id()));
    AuthorizationValidation validation = validator.validate(params);
    if (validation instanceof AuthorizationValidation.ErrorPage page) {
      throw OAuthException.badRequest(page.error());
    }
    if (validation instanceof AuthorizationValidation.ErrorRedirect redirect) {
      throw OAuthException.badRequest(redirect.error());
    }
    Instant now = clock.instant();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", settings.issuer());
    claims.put("purpose", PURPOSE);
    claims.put("client_id", client.id());
    claims.put("params", params);
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.plus(LIFETIME).getEpochSecond());
    claims.put("jti", UUID.randomUUID().toString());
    String requestUri = URN_PREFIX + keys.get().sign(claims, "JWT");
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("request_uri", requestUri);
    response.put("expires_in", LIFETIME.toSeconds());
    return response;
  }

  /**
   * The parameters the authorization endpoint validates: the query itself, or — when it carries one
   * of our request URIs (RFC 9126 §4) — only the pushed parameters. Empty when that request URI is
   * unknown, tampered with, expired, repeated, or pushed by another client than {@code client_id}.
   */
  public Optional<Map<String, List<String>>> effectiveParameters(Map<String, List<String>> query) {
    List<String> uris = query.get("request_uri");
    if (uris == null || uris.isEmpty() || !uris.get(0).startsWith(URN_PREFIX)) {
      return Optional.of(query);
    }
    List<String> ids = query.getOrDefault("client_id", List.of());
    if (uris.size() != 1 || ids.size() != 1) {
      return Optional.empty();
    }
    return resolve(uris.get(0), ids.get(0));
  }

  /**
   * RFC 9126 §4: the pushed parameters behind a request URI, if it is ours, intact, unexpired and
   * pushed by {@code clientId}.
   */
  public Optional<Map<String, List<String>>> resolve(String requestUri, String clientId) {
    if (requestUri == null || !requestUri.startsWith(URN_PREFIX) || clientId == null) {
      return Optional.empty();
    }
    Optional<Map<String, Object>> claims =
        keys.get().verify(requestUri.substring(URN_PREFIX.length()));
    if (claims.isEmpty()
        || !PURPOSE.equals(claims.get().get("purpose"))
        || !settings.issuer().equals(claims.get().get("iss"))
        || !clientId.equals(claims.get().get("client_id"))
        || !(claims.get().get("exp") instanceof Number exp)
        || exp.longValue() < clock.instant().getEpochSecond()
        || !(claims.get().get("params") instanceof Map<?, ?> raw)) {
      return Optional.empty();
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : raw.entrySet()) {
      List<String> values = new ArrayList<>();
      if (entry.getValue() instanceof List<?> list) {
        list.forEach(v -> values.add(String.valueOf(v)));
      }
      params.put(String.valueOf(entry.getKey()), values);
    }
    return Optional.of(params);
  }
}

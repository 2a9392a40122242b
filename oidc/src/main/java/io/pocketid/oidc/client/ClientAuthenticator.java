package io.pocketid.oidc.client;

import io.pocketid.core.model.OidcClient;
import io.pocketid.oidc.OAuthError;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.internal.Params;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client authentication at the token, introspection, revocation and device endpoints (RFC 6749
 * §2.3, RFC 7523 §2.2). Exactly one method per request: HTTP Basic, {@code client_secret} in the
 * form, a client assertion, or none (public clients).
 *
 * <p>Basic credentials are URL-decoded before use as RFC 6749 §2.3.1 requires (Pocket ID v1.15 did
 * not). There is no fallback to the undecoded value: client ids ({@code [a-zA-Z0-9._-]}) and
 * generated secrets (alphanumeric) are unchanged by form-decoding, so every credential Pocket ID
 * could issue authenticates the same either way, and a fallback would only double the hash cost.
 *
 * <p>Secrets are checked by {@link ClientSecrets}: a SHA-256 for the fast form; a bcrypt hash
 * (written before, or imported from Pocket ID) is verified once and, on a match, replaced in place
 * by the fast form through the {@link SecretUpgrade} hook (compare-and-set, so an admin's new
 * secret written meanwhile wins). A failed upgrade is logged and does not fail the request.
 *
 * <p>A public client that also sends a secret is accepted as {@code none}, the secret ignored, as
 * Pocket ID does. Unknown clients cost one SHA-256 comparison like known ones. Every failure reads
 * "client authentication failed" so the answer does not reveal whether a client exists.
 */
public final class ClientAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(ClientAuthenticator.class);
  private static final String FAILED = "client authentication failed";

  private final Function<String, Optional<OidcClient>> clients;
  private final ClientSecrets secrets;
  private final ClientAssertionVerifier assertions;
  private final String realm;
  private final SecretUpgrade upgrades;

  /** Stores the fast form of a secret in place of its bcrypt hash. */
  @FunctionalInterface
  public interface SecretUpgrade {
    /**
     * @return whether the stored hash was still {@code expected} and is now {@code replacement}
     */
    boolean replace(String clientId, String expected, String replacement);
  }

  /**
   * Without upgrades of bcrypt hashes (each use of such a secret keeps costing a bcrypt).
   *
   * @param clients looks a client up by id (usually {@code storage.clients()::findById})
   */
  public ClientAuthenticator(
      OidcSettings settings,
      Function<String, Optional<OidcClient>> clients,
      ClientSecrets secrets,
      ClientAssertionVerifier assertions) {
    this(settings, clients, secrets, assertions, (id, expected, replacement) -> false);
  }

  /**
   * @param clients looks a client up by id (usually {@code storage.clients()::findById})
   * @param upgrades replaces a verified bcrypt hash by the fast form (usually {@code
   *     storage.clients()::replaceSecretHash})
   */
  public ClientAuthenticator(
      OidcSettings settings,
      Function<String, Optional<OidcClient>> clients,
      ClientSecrets secrets,
      ClientAssertionVerifier assertions,
      SecretUpgrade upgrades) {
    this.upgrades = Objects.requireNonNull(upgrades, "upgrades");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.assertions = Objects.requireNonNull(assertions, "assertions");
    this.realm = "Basic realm=\"" + settings.issuer().replace("\"", "") + "\"";
  }

  /**
   * Identifies and authenticates the client of a request.
   *
   * @param params the form parameters
   * @param authorization the {@code Authorization} header value, if any
   * @throws OAuthException {@code invalid_client} (401; with {@code WWW-Authenticate: Basic} when
   *     Basic was used) or {@code invalid_request} when several methods are mixed or a parameter is
   *     repeated
   */
  public AuthenticatedClient authenticate(
      Map<String, List<String>> params, Optional<String> authorization) throws OAuthException {
    Params form = Params.of(params);
    Optional<String> clientId = form.optional("client_id");
    Optional<String> secret = form.optional("client_secret");
    Optional<String> assertion = form.optional("client_assertion");
    Optional<String> assertionType = form.optional("client_assertion_type");
    Optional<String> basic = authorization.filter(ClientAuthenticator::isBasic);
    int methods =
        (basic.isPresent() ? 1 : 0)
            + (secret.isPresent() ? 1 : 0)
            + (assertion.isPresent() || assertionType.isPresent() ? 1 : 0);
    if (methods > 1) {
      throw OAuthException.badRequest(
          OAuthError.invalidRequest(
              "more than one client authentication method (RFC 6749 §2.3): use exactly one"));
    }
    if (basic.isPresent()) {
      String[] credentials = decodeBasic(basic.get());
      if (clientId.isPresent() && !clientId.get().equals(credentials[0])) {
        throw failed(true, "client_id differs from the Basic user name");
      }
      return bySecret(credentials[0], credentials[1], ClientAuthMethod.CLIENT_SECRET_BASIC, true);
    }
    if (secret.isPresent()) {
      String id = clientId.orElseThrow(() -> failed(false, "client_secret without client_id"));
      return bySecret(id, secret.get(), ClientAuthMethod.CLIENT_SECRET_POST, false);
    }
    if (assertion.isPresent() || assertionType.isPresent()) {
      return byAssertion(assertion, assertionType, clientId);
    }
    String id = clientId.orElseThrow(() -> failed(false, "no client credentials"));
    OidcClient client = clients.apply(id).orElseThrow(() -> failed(false, "unknown client"));
    if (!client.publicClient()) {
      throw failed(false, "confidential client " + id + " sent no credentials");
    }
    return new AuthenticatedClient(client, ClientAuthMethod.NONE);
  }

  private AuthenticatedClient bySecret(
      String id, String secret, ClientAuthMethod method, boolean basic) throws OAuthException {
    Optional<OidcClient> client = clients.apply(id);
    if (client.isPresent() && client.get().publicClient()) {
      return new AuthenticatedClient(client.get(), ClientAuthMethod.NONE);
    }
    String stored = client.map(OidcClient::secretHash).orElse(null);
    ClientSecrets.Result result = secrets.check(secret, stored);
    if (client.isEmpty() || !result.matches()) {
      throw failed(basic, client.isEmpty() ? "unknown client" : "wrong secret for " + id);
    }
    OidcClient authenticated = client.get();
    if (result.upgradable()) {
      authenticated = upgrade(authenticated, stored, result.upgrade());
    }
    return new AuthenticatedClient(authenticated, method);
  }

  private OidcClient upgrade(OidcClient client, String bcrypt, String fast) {
    try {
      if (upgrades.replace(client.id(), bcrypt, fast)) {
        LOG.info("client {}: bcrypt secret hash upgraded to {}", client.id(), "SHA-256");
        return client.withSecretHash(fast);
      }
    } catch (RuntimeException e) {
      LOG.warn("client {}: could not upgrade the secret hash: {}", client.id(), e.toString());
    }
    return client;
  }

  private AuthenticatedClient byAssertion(
      Optional<String> assertion, Optional<String> type, Optional<String> clientId)
      throws OAuthException {
    if (assertion.isEmpty() || type.isEmpty()) {
      throw OAuthException.badRequest(
          OAuthError.invalidRequest("client_assertion and client_assertion_type go together"));
    }
    if (!type.get().equals(ClientAssertionVerifier.JWT_BEARER)) {
      throw failed(false, "unsupported client_assertion_type");
    }
    try {
      return new AuthenticatedClient(
          assertions.verify(assertion.get(), clientId), ClientAuthMethod.PRIVATE_KEY_JWT);
    } catch (ClientAssertionVerifier.Failure e) {
      throw failed(false, "client assertion refused: " + e.getMessage());
    }
  }

  static boolean isBasic(String header) {
    return header.length() > 6 && header.substring(0, 6).equalsIgnoreCase("basic ");
  }

  /** RFC 6749 §2.3.1 / RFC 7617: base64 of form-encoded id ":" form-encoded secret. */
  private String[] decodeBasic(String header) throws OAuthException {
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw failed(true, "Basic credentials without ':'");
      }
      String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
      String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
      if (id.isEmpty()) {
        throw failed(true, "empty client id in Basic credentials");
      }
      return new String[] {id, secret};
    } catch (IllegalArgumentException e) {
      throw failed(true, "malformed Basic credentials");
    }
  }

  private OAuthException failed(boolean basic, String reason) {
    LOG.debug("invalid_client: {}", reason);
    return new OAuthException(OAuthError.invalidClient(FAILED), 401, basic ? realm : null);
  }

  /** The realm challenge sent with 401 answers to Basic authentication. */
  public String basicChallenge() {
    return realm;
  }
}

package io.pocketid.oidc.authorize;

import io.pocketid.core.model.AuthorizationCode;
import io.pocketid.core.model.Consent;
import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.AuthorizationCodeStore;
import io.pocketid.core.store.ConsentStore;
import io.pocketid.core.store.OidcClientStore;
import io.pocketid.core.store.Transactions;
import io.pocketid.oidc.OAuthError;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.token.UserClaimsLoader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The step after the signed-in user agreed at {@code /authorize}: checks the client's group
 * restriction, records consent, creates the single-use authorization code (stored hashed) and
 * returns the success response parameters ({@code code}, {@code state}, {@code iss} per RFC 9207)
 * for the query or form_post response mode.
 *
 * <p>Consent is kept per user and client as the union of the scopes ever granted, so a narrower
 * later request does not shrink it (Pocket ID stored the last requested scope string and asked
 * again whenever it differed).
 */
public final class AuthorizationCompletion {
  /** Pocket ID's error message for a user outside the client's allowed groups. */
  public static final String NOT_ALLOWED = "You're not allowed to access this service";

  private final OidcSettings settings;
  private final Transactions transactions;
  private final OidcClientStore clients;
  private final AuthorizationCodeStore codes;
  private final ConsentStore consents;
  private final UserClaimsLoader claims;
  private final RandomTokens random;
  private final Clock clock;

  public AuthorizationCompletion(
      OidcSettings settings,
      Transactions transactions,
      OidcClientStore clients,
      AuthorizationCodeStore codes,
      ConsentStore consents,
      UserClaimsLoader claims,
      RandomTokens random,
      Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.codes = Objects.requireNonNull(codes, "codes");
    this.consents = Objects.requireNonNull(consents, "consents");
    this.claims = Objects.requireNonNull(claims, "claims");
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A completed authorization.
   *
   * @param code the authorization code (shown once; only its hash is stored)
   * @param redirectUri where to send the browser
   * @param responseMode {@code query} or {@code form_post}
   * @param parameters {@code code}, {@code state} (when sent) and {@code iss}, in that order
   * @param newConsent whether consent was given or widened now (audit: NEW_CLIENT_AUTHORIZATION)
   * @param clientName for the audit record
   */
  public record Completed(
      String code,
      String redirectUri,
      String responseMode,
      Map<String, String> parameters,
      boolean newConsent,
      String clientName) {
    public Completed {
      parameters = Map.copyOf(parameters);
    }

    /** The redirect URL for the query response mode. */
    public String queryRedirect() {
      return AuthorizationCompletion.appendQuery(redirectUri, orderedParameters());
    }

    /** The parameters in response order (code, state, iss). */
    public Map<String, String> orderedParameters() {
      Map<String, String> out = new LinkedHashMap<>();
      out.put("code", code);
      if (parameters.containsKey("state")) {
        out.put("state", parameters.get("state"));
      }
      out.put("iss", parameters.get("iss"));
      return out;
    }

    @Override
    public String toString() {
      return "Completed[redirectUri=" + redirectUri + ", code redacted]";
    }
  }

  /** Whether the user must be asked: no consent yet, or one that lacks a requested scope. */
  public boolean consentRequired(String userId, String clientId, List<String> scopes) {
    Optional<Consent> consent = consents.find(userId, clientId);
    return consent.isEmpty() || !split(consent.get().scope()).containsAll(scopes);
  }

  /**
   * Completes a validated request for a signed-in user.
   *
   * @param sessionId the browser session (for {@code sid}), nullable
   * @param authTime when the user authenticated
   * @throws OAuthException {@code access_denied} with status 403 when the user is not in the
   *     client's allowed groups or is disabled; {@code invalid_request} when the client is gone
   */
  public Completed complete(
      AuthorizationRequest request, User user, String sessionId, Instant authTime)
      throws OAuthException {
    OidcClient client =
        clients
            .findById(request.clientId())
            .orElseThrow(
                () -> OAuthException.badRequest(OAuthError.invalidRequest("the client is gone")));
    if (user.disabled() || !claims.mayUse(client.id(), user.id())) {
      throw new OAuthException(new OAuthError(OAuthError.ACCESS_DENIED, NOT_ALLOWED), 403, null);
    }
    String code = random.fromAlphabet(RandomTokens.ALPHANUMERIC, 32);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    boolean newConsent =
        transactions.inTransaction(
            () -> {
              codes.save(
                  new AuthorizationCode(
                      UUID.randomUUID().toString(),
                      TokenHasher.hash(code),
                      now,
                      now.plus(settings.authorizationCodeLifetime()),
                      user.id(),
                      client.id(),
                      request.redirectUri(),
                      request.scope(),
                      request.nonce(),
                      request.codeChallenge(),
                      request.codeChallengeMethod(),
                      sessionId,
                      authTime.truncatedTo(ChronoUnit.MILLIS)));
              return upsertConsent(user.id(), client.id(), request.scopes(), now);
            });
    Map<String, String> params = new LinkedHashMap<>();
    params.put("code", code);
    if (request.state() != null) {
      params.put("state", request.state());
    }
    params.put("iss", settings.issuer());
    return new Completed(
        code, request.redirectUri(), request.responseMode(), params, newConsent, client.name());
  }

  /**
   * Records consent as the union of the scopes already consented to and {@code scopes}.
   *
   * @return whether the consent is new or wider than before
   */
  public boolean upsertConsent(String userId, String clientId, List<String> scopes, Instant now) {
    Optional<Consent> existing = consents.find(userId, clientId);
    List<String> union = new ArrayList<>(existing.map(c -> split(c.scope())).orElse(List.of()));
    boolean wider = existing.isEmpty();
    for (String scope : scopes) {
      if (!union.contains(scope)) {
        union.add(scope);
        wider = true;
      }
    }
    consents.upsert(
        new Consent(userId, clientId, String.join(" ", union), now.truncatedTo(ChronoUnit.MILLIS)));
    return wider;
  }

  /** Appends parameters to a redirect URI's query, form-encoded. */
  public static String appendQuery(String uri, Map<String, String> params) {
    StringBuilder out = new StringBuilder(uri);
    char separator = uri.contains("?") ? '&' : '?';
    if (uri.endsWith("?") || uri.endsWith("&")) {
      separator = 0;
    }
    for (Map.Entry<String, String> entry : params.entrySet()) {
      if (separator != 0) {
        out.append(separator);
      }
      out.append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    return out.toString();
  }

  private static List<String> split(String scope) {
    return scope.isBlank() ? List.of() : List.of(scope.trim().split(" +"));
  }
}

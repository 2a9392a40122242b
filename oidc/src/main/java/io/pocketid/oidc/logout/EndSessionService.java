package io.pocketid.oidc.logout;

import io.pocketid.core.model.Consent;
import io.pocketid.core.model.OidcClient;
import io.pocketid.core.store.ConsentStore;
import io.pocketid.core.store.OidcClientStore;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.RefreshTokenStore;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.authorize.AuthorizationCompletion;
import io.pocketid.oidc.authorize.RedirectUris;
import io.pocketid.oidc.keys.KeyRing;
import io.pocketid.oidc.token.TokenFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * RP-Initiated Logout 1.0 decisions and the back-channel logout notifications of ended sessions.
 *
 * <p>{@code id_token_hint} must be an ID token of this issuer signed by a key of the ring; an
 * expired one is accepted (§2: the hint may have expired). {@code client_id}, when sent with a
 * hint, must be in its audience. {@code post_logout_redirect_uri} must match one of the client's
 * logout URLs (exact, or a wildcard pattern under {@link RedirectUris}' strict rules); when absent,
 * a client with exactly one logout URL without wildcard is sent there (Pocket ID used the first
 * URL). A redirect is only made when the client is known from a valid hint or from {@code
 * client_id}; {@code state} is passed back unchanged.
 */
public final class EndSessionService {
  private final OidcSettings settings;
  private final OidcClientStore clients;
  private final ConsentStore consents;
  private final RefreshTokenStore refreshTokens;
  private final Supplier<KeyRing> keys;
  private final TokenFactory tokens;

  public EndSessionService(
      OidcSettings settings,
      OidcClientStore clients,
      ConsentStore consents,
      RefreshTokenStore refreshTokens,
      Supplier<KeyRing> keys,
      TokenFactory tokens) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.consents = Objects.requireNonNull(consents, "consents");
    this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  /**
   * Decides what an end-session request leads to.
   *
   * @param params query or form parameters
   * @param signedInUserId the user of the current browser session, if any
   */
  public EndSessionDecision decide(
      Map<String, List<String>> params, Optional<String> signedInUserId) {
    for (List<String> values : params.values()) {
      if (values.size() > 1) {
        return confirm(Optional.empty(), "a parameter is repeated");
      }
    }
    Optional<String> hint = value(params, "id_token_hint");
    Optional<String> clientIdParam = value(params, "client_id");
    Optional<String> requested = value(params, "post_logout_redirect_uri");
    Optional<String> state = value(params, "state");
    Optional<Map<String, Object>> claims = hint.flatMap(this::verifyHint);
    if (hint.isPresent() && claims.isEmpty()) {
      return confirm(clientIdParam, "id_token_hint is invalid");
    }
    Optional<String> clientId = clientIdParam;
    Optional<String> subject = Optional.empty();
    Optional<String> sid = Optional.empty();
    if (claims.isPresent()) {
      List<String> audience = audience(claims.get().get("aud"));
      if (clientIdParam.isPresent() && !audience.contains(clientIdParam.get())) {
        return confirm(clientIdParam, "client_id is not in the hint's audience");
      }
      if (clientId.isEmpty() && audience.size() == 1) {
        clientId = Optional.of(audience.get(0));
      }
      subject = Optional.ofNullable(claims.get().get("sub")).map(Object::toString);
      sid = Optional.ofNullable(claims.get().get("sid")).map(Object::toString);
    }
    boolean confirmation = subject.isEmpty() || !subject.equals(signedInUserId);
    Optional<OidcClient> client = clientId.flatMap(id -> clients.findById(id));
    Optional<String> target = client.flatMap(c -> target(c, requested));
    String problem = null;
    if (requested.isPresent() && target.isEmpty()) {
      problem = "post_logout_redirect_uri is not registered for the client";
    }
    Optional<String> redirect =
        target.map(
            uri ->
                state
                    .map(s -> AuthorizationCompletion.appendQuery(uri, Map.of("state", s)))
                    .orElse(uri));
    return new EndSessionDecision(
        confirmation, redirect, clientId, subject, sid, Optional.ofNullable(problem));
  }

  /**
   * Ends the user's grants to the client the logout was for: its refresh tokens stop working at
   * once (Pocket ID v2.8 does the same; v1.15 left them valid).
   *
   * @return how many refresh tokens were deleted (0 when the client is unknown)
   */
  public int revokeClientGrants(String userId, EndSessionDecision decision) {
    return decision
        .clientId()
        .map(clientId -> refreshTokens.deleteForUserAndClient(userId, clientId))
        .orElse(0);
  }

  /**
   * The back-channel logout notifications for a user's ended browser session: one per client the
   * user has consented to that registered a {@code backchannel_logout_uri}, each with a logout
   * token carrying {@code sub} and {@code sid}.
   *
   * @param sessionId the ended session (the {@code sid} in ID tokens), nullable
   */
  public List<BackchannelDelivery> backchannelDeliveries(String userId, String sessionId) {
    List<BackchannelDelivery> out = new ArrayList<>();
    int page = 1;
    Page<Consent> consents;
    do {
      consents = this.consents.listForUser(userId, PageRequest.of(page++, PageRequest.MAX_SIZE));
      for (Consent consent : consents.items()) {
        clients
            .findById(consent.clientId())
            .filter(c -> c.backchannelLogoutUri() != null && !c.backchannelLogoutUri().isBlank())
            .ifPresent(
                c ->
                    out.add(
                        new BackchannelDelivery(
                            c.id(),
                            c.backchannelLogoutUri(),
                            tokens.logoutToken(userId, sessionId, c.id()).token())));
      }
    } while (page <= consents.totalPages());
    return out;
  }

  private Optional<Map<String, Object>> verifyHint(String hint) {
    return keys.get()
        .verify(hint)
        .filter(c -> settings.issuer().equals(c.get("iss")))
        .filter(c -> c.get("sub") instanceof String)
        .filter(c -> !audience(c.get("aud")).isEmpty())
        .filter(c -> c.get("scope") == null && c.get("events") == null);
  }

  private static Optional<String> target(OidcClient client, Optional<String> requested) {
    if (requested.isPresent()) {
      return RedirectUris.match(client.logoutCallbackUrls(), requested.get());
    }
    List<String> urls = client.logoutCallbackUrls();
    return urls.size() == 1 && !urls.get(0).contains("*")
        ? Optional.of(urls.get(0))
        : Optional.empty();
  }

  private static EndSessionDecision confirm(Optional<String> clientId, String problem) {
    return new EndSessionDecision(
        true, Optional.empty(), clientId, Optional.empty(), Optional.empty(), Optional.of(problem));
  }

  private static Optional<String> value(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() || values.get(0).isEmpty()
        ? Optional.empty()
        : Optional.of(values.get(0));
  }

  private static List<String> audience(Object aud) {
    if (aud instanceof String s) {
      return List.of(s);
    }
    if (aud instanceof List<?> list) {
      return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return List.of();
  }
}

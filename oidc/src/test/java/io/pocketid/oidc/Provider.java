package io.pocketid.oidc;

import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.oidc.authorize.AuthorizationCompletion;
import io.pocketid.oidc.authorize.AuthorizationRequest;
import io.pocketid.oidc.client.AuthenticatedClient;
import io.pocketid.oidc.client.ClientAuthMethod;
import io.pocketid.oidc.client.ClientAuthenticator;
import io.pocketid.oidc.grant.GrantStores;
import io.pocketid.oidc.grant.TokenService;
import io.pocketid.oidc.introspect.IntrospectionService;
import io.pocketid.oidc.introspect.RevocationService;
import io.pocketid.oidc.token.AccessTokenVerifier;
import io.pocketid.oidc.token.RevokedGrants;
import io.pocketid.oidc.token.UserClaimsLoader;
import io.pocketid.oidc.userinfo.UserinfoService;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The protocol services wired on a {@link TestWorld}, as the server would wire them. */
public final class Provider {
  public final TestWorld world = new TestWorld();
  public final UserClaimsLoader claims =
      new UserClaimsLoader(
          world.storage.groups(), world.storage.customClaims(), world.settings, () -> true);
  public final ClientAuthenticator authenticator = world.authenticator();
  public final TokenService tokenService =
      new TokenService(
          world.settings,
          new GrantStores(
              world.storage,
              world.storage.users(),
              world.storage.authorizationCodes(),
              world.storage.usedCodes(),
              world.storage.refreshTokens(),
              world.storage.revokedGrants(),
              world.storage.deviceCodes(),
              world.storage.sessions()),
          () -> world.ring,
          world.tokens,
          authenticator,
          claims,
          new RandomTokens(),
          world.clock);
  public final AuthorizationCompletion completion =
      new AuthorizationCompletion(
          world.settings,
          world.storage,
          world.storage.clients(),
          world.storage.authorizationCodes(),
          world.storage.consents(),
          claims,
          new RandomTokens(),
          world.clock);

  public final AccessTokenVerifier accessTokens =
      new AccessTokenVerifier(
          world.settings,
          () -> world.ring,
          new RevokedGrants(world.storage.revokedGrants()),
          world.clock);
  public final UserinfoService userinfo =
      new UserinfoService(world.settings, accessTokens, world.storage.users(), claims);
  public final IntrospectionService introspection =
      new IntrospectionService(
          world.settings,
          world.storage.users(),
          world.storage.refreshTokens(),
          () -> world.ring,
          accessTokens,
          authenticator,
          world.clock);
  public final RevocationService revocation =
      new RevocationService(
          world.settings, world.storage.refreshTokens(), () -> world.ring, authenticator);

  public static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  public static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  public AuthenticatedClient as(String clientId) {
    var client = world.storage.clients().findById(clientId).orElseThrow();
    return new AuthenticatedClient(
        client,
        client.publicClient() ? ClientAuthMethod.NONE : ClientAuthMethod.CLIENT_SECRET_POST);
  }

  public static AuthorizationRequest request(
      String clientId, String scope, String nonce, String challenge) {
    return new AuthorizationRequest(
        clientId,
        "https://rp.example/callback",
        List.of(scope.split(" ")),
        "st-1",
        nonce,
        challenge,
        challenge == null ? null : "S256",
        "query",
        Set.of(),
        null,
        null);
  }

  /** An authorization code for the user and client. */
  public String code(String clientId, User user, String scope, String nonce, String challenge)
      throws OAuthException {
    return completion
        .complete(request(clientId, scope, nonce, challenge), user, "sid-1", world.clock.instant())
        .code();
  }

  public Map<String, Object> verify(String jwt) {
    return world.ring.verify(jwt).orElseThrow();
  }
}

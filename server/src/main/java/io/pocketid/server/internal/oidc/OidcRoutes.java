package io.pocketid.server.internal.oidc;

import io.pocketid.oidc.discovery.Discovery;
import io.pocketid.server.internal.http.Routes;
import io.pocketid.server.internal.http.WebServices;
import io.undertow.server.HttpHandler;
import io.undertow.util.Methods;
import java.util.function.Supplier;

/**
 * The OIDC routes (Pocket ID's paths): discovery, JWKS, the protocol endpoints with Pocket ID's
 * CORS headers (end-session included, fixing v1.15's typo), {@code /authorize}, {@code /device},
 * the JSON authorization API and the client administration API.
 */
public final class OidcRoutes {
  private static final String[] CORS_PATHS = {
    "/.well-known/openid-configuration",
    "/.well-known/oauth-authorization-server",
    Discovery.JWKS_PATH,
    Discovery.TOKEN_PATH,
    Discovery.USERINFO_PATH,
    Discovery.INTROSPECT_PATH,
    Discovery.REVOKE_PATH,
    Discovery.END_SESSION_PATH
  };

  private final Supplier<WebServices> web;
  private volatile OidcServices services;

  private OidcRoutes(Supplier<WebServices> web) {
    this.web = web;
  }

  /**
   * Adds the OIDC routes. The services, and with them the signing keys, are built by the first
   * request that needs them (before any token is signed or any JWKS served). Not on a thread of
   * their own at start-up: that raced with {@code stop()} (a key file written into a directory
   * being removed); loading them eagerly needs a hook in {@code PocketIdServer}'s start-up.
   */
  public static Routes register(Routes routes, Supplier<WebServices> web) {
    return new OidcRoutes(web).addTo(routes);
  }

  /** The services, built once (loading or creating the signing keys). */
  OidcServices services() {
    OidcServices current = services;
    if (current == null) {
      synchronized (this) {
        current = services;
        if (current == null) {
          current = new OidcServices(web.get());
          services = current;
        }
      }
    }
    return current;
  }

  private Routes addTo(Routes routes) {
    Supplier<OidcServices> s = this::services;
    OidcPages pages = new OidcPages();
    ProtocolEndpoints protocol = new ProtocolEndpoints(s);
    AuthorizeEndpoint authorize = new AuthorizeEndpoint(s, pages);
    EndSessionEndpoint endSession = new EndSessionEndpoint(s, pages);
    DevicePage device = new DevicePage(s, pages);
    AuthorizeApi authorizeApi = new AuthorizeApi(s);
    ClientApi clients = new ClientApi(web);
    for (String path : CORS_PATHS) {
      routes.direct(Methods.OPTIONS, path, ProtocolEndpoints.cors(ProtocolEndpoints::preflight));
    }
    HttpHandler configuration = ProtocolEndpoints.cors(protocol::openidConfiguration);
    return routes
        .blocking(Methods.GET, "/.well-known/openid-configuration", configuration)
        .blocking(Methods.GET, "/.well-known/oauth-authorization-server", configuration)
        .blocking(Methods.GET, Discovery.JWKS_PATH, ProtocolEndpoints.cors(protocol::jwks))
        .blocking(Methods.POST, Discovery.TOKEN_PATH, ProtocolEndpoints.cors(protocol::token))
        .blocking(Methods.GET, Discovery.USERINFO_PATH, ProtocolEndpoints.cors(protocol::userinfo))
        .blocking(Methods.POST, Discovery.USERINFO_PATH, ProtocolEndpoints.cors(protocol::userinfo))
        .blocking(
            Methods.POST, Discovery.INTROSPECT_PATH, ProtocolEndpoints.cors(protocol::introspect))
        .blocking(Methods.POST, Discovery.REVOKE_PATH, ProtocolEndpoints.cors(protocol::revoke))
        .blocking(Methods.POST, Discovery.DEVICE_AUTHORIZATION_PATH, protocol::deviceAuthorize)
        .blocking(Methods.POST, Discovery.PAR_PATH, protocol::pushedAuthorization)
        .page(Methods.GET, Discovery.END_SESSION_PATH, ProtocolEndpoints.cors(endSession::handle))
        .page(Methods.POST, Discovery.END_SESSION_PATH, ProtocolEndpoints.cors(endSession::handle))
        .page(Methods.GET, Discovery.AUTHORIZE_PATH, authorize::get)
        .page(Methods.POST, Discovery.AUTHORIZE_PATH, authorize::post)
        .page(Methods.GET, "/device", device::get)
        .page(Methods.POST, "/device", device::post)
        .blocking(Methods.POST, "/api/oidc/authorize", authorizeApi::authorize)
        .blocking(
            Methods.POST, "/api/oidc/authorization-required", authorizeApi::authorizationRequired)
        .blocking(Methods.GET, "/api/oidc/clients", clients::list)
        .blocking(Methods.POST, "/api/oidc/clients", clients::create)
        .blockingPrefix(Methods.GET, ClientApi.PREFIX, clients::get)
        .blockingPrefix(Methods.PUT, ClientApi.PREFIX, clients::put)
        .blockingPrefix(Methods.DELETE, ClientApi.PREFIX, clients::delete)
        .blockingPrefix(Methods.POST, ClientApi.PREFIX, clients::createSecret);
  }
}

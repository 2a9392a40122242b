package io.pocketid.server.internal.api;

import io.pocketid.core.service.MyAppsService;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.Responses;
import io.pocketid.server.internal.http.Routes;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A user's apps at Pocket ID's paths under {@code /api/oidc/users}. */
public final class MyAppsApi {
  private static final Set<String> CONSENT_SORTABLE = Set.of("lastUsedAt", "clientId");
  private static final Set<String> CLIENT_SORTABLE = Set.of("name", "createdAt");

  private final Access access;
  private final MyAppsService apps;

  public MyAppsApi(Access access, MyAppsService apps) {
    this.access = access;
    this.apps = apps;
  }

  /** {@code GET /api/oidc/users/me/authorized-clients}. */
  public void ownAuthorized(HttpServerExchange exchange) {
    Principal principal = access.requireUser(exchange);
    writeAuthorized(exchange, principal.user().id());
  }

  /** {@code GET /api/oidc/users/{id}/authorized-clients}: admin. */
  public void authorizedOf(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    writeAuthorized(exchange, Routes.param(exchange, "id"));
  }

  private void writeAuthorized(HttpServerExchange exchange, String userId) {
    var page = apps.authorizedClients(userId, ListParams.pageRequest(exchange, CONSENT_SORTABLE));
    Responses.write(
        exchange,
        StatusCodes.OK,
        Dtos.page(
            page,
            page.items().stream()
                .map(
                    a -> {
                      Map<String, Object> dto = new LinkedHashMap<>();
                      dto.put("scope", a.consent().scope());
                      dto.put("client", Dtos.clientMeta(a.client()));
                      dto.put("lastUsedAt", a.consent().lastUsedAt());
                      return dto;
                    })
                .toList()));
  }

  /**
   * {@code DELETE /api/oidc/users/me/authorized-clients/{clientId}}: 204; the consent and the
   * caller's refresh tokens for the client are gone.
   */
  public void revoke(HttpServerExchange exchange) {
    Principal principal = access.requireUser(exchange);
    apps.revoke(principal.user().id(), Routes.param(exchange, "clientId"));
    Responses.noContent(exchange);
  }

  /** {@code GET /api/oidc/users/me/clients}: the clients the caller may use. */
  public void ownClients(HttpServerExchange exchange) {
    Principal principal = access.requireUser(exchange);
    var page =
        apps.accessibleClients(
            principal.user().id(), ListParams.pageRequest(exchange, CLIENT_SORTABLE));
    Responses.write(
        exchange,
        StatusCodes.OK,
        Dtos.page(
            page,
            page.items().stream()
                .map(
                    a -> {
                      Map<String, Object> dto = Dtos.clientMeta(a.client());
                      dto.put("lastUsedAt", a.lastUsedAt());
                      return dto;
                    })
                .toList()));
  }
}

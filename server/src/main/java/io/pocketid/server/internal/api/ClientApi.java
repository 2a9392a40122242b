package io.pocketid.server.internal.api;

import io.pocketid.core.store.OidcClientStore;
import io.pocketid.core.store.PageRequest;
import io.pocketid.oidc.admin.ClaimsPreview;
import io.pocketid.oidc.admin.ClientDraft;
import io.pocketid.oidc.admin.ClientService;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.JsonBody;
import io.pocketid.server.internal.http.Responses;
import io.pocketid.server.internal.http.Routes;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The client administration API under {@code /api/oidc/clients} with Pocket ID's paths, JSON field
 * names and pagination shape. Admin only (session or an admin's API key), except {@code /meta}.
 */
public final class ClientApi {
  private final Access access;
  private final ClientService clients;
  private final ClaimsPreview preview;

  public ClientApi(Access access, ClientService clients, ClaimsPreview preview) {
    this.access = access;
    this.clients = clients;
    this.preview = preview;
  }

  /**
   * {@code GET /api/oidc/clients?pagination[page]=&pagination[limit]=&search=&sort[...]}, sortable
   * by {@code name}, {@code createdAt} and {@code allowedUserGroupsCount}; {@code
   * filters[pkceEnabled]} and {@code filters[requiresReauthentication]} ({@code true}|{@code
   * false}).
   */
  public void list(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    PageRequest request =
        ListParams.pageRequest(exchange, Set.of("name", "createdAt", "allowedUserGroupsCount"));
    var filter =
        new OidcClientStore.Filter(
            ListParams.bool(exchange, "filters[pkceEnabled]"),
            ListParams.bool(exchange, "filters[requiresReauthentication]"));
    var result = clients.list(request, filter);
    List<Object> data = new ArrayList<>();
    for (ClientService.ClientSummary summary : result.items()) {
      Map<String, Object> dto = Dtos.client(summary.client());
      dto.put("allowedUserGroupsCount", summary.allowedGroupCount());
      data.add(dto);
    }
    Responses.write(exchange, StatusCodes.OK, Dtos.page(result, data));
  }

  /** {@code POST /api/oidc/clients}: 201; no secret yet (call {@code /secret}). */
  public void create(HttpServerExchange exchange) {
    Principal admin = access.requireAdmin(exchange);
    ClientDraft draft = draft(JsonBody.read(exchange.getInputStream()));
    Responses.write(
        exchange, StatusCodes.CREATED, details(clients.create(draft, admin.user().id())));
  }

  /** {@code GET /api/oidc/clients/{id}/meta}: public. */
  public void meta(HttpServerExchange exchange) {
    Responses.write(
        exchange, StatusCodes.OK, Dtos.clientMeta(clients.get(Routes.param(exchange, "id"))));
  }

  /** {@code GET /api/oidc/clients/{id}}. */
  public void get(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    Responses.write(
        exchange, StatusCodes.OK, details(clients.details(Routes.param(exchange, "id"))));
  }

  /** {@code PUT /api/oidc/clients/{id}}. */
  public void update(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    String id = Routes.param(exchange, "id");
    ClientDraft draft = draft(JsonBody.read(exchange.getInputStream()));
    Responses.write(exchange, StatusCodes.OK, details(clients.update(id, draft)));
  }

  /** {@code PUT /api/oidc/clients/{id}/allowed-user-groups} with {@code {userGroupIds: [...]}}. */
  public void setAllowedGroups(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    String id = Routes.param(exchange, "id");
    List<String> groups = JsonBody.read(exchange.getInputStream()).strings("userGroupIds");
    Responses.write(exchange, StatusCodes.OK, Dtos.client(clients.setAllowedGroups(id, groups)));
  }

  /** {@code DELETE /api/oidc/clients/{id}}: 204. */
  public void delete(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    clients.delete(Routes.param(exchange, "id"));
    Responses.noContent(exchange);
  }

  /** {@code POST /api/oidc/clients/{id}/secret}: a new 32-character secret, shown once. */
  public void createSecret(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    String secret = clients.newSecret(Routes.param(exchange, "id"));
    Responses.write(exchange, StatusCodes.OK, Map.of("secret", secret));
  }

  /**
   * {@code GET /api/oidc/clients/{id}/preview/{userId}?scopes=openid%20profile}: the claims of the
   * ID token, the access token and userinfo the client would get for the user (unsigned).
   */
  public void preview(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    ClaimsPreview.Preview claims =
        preview.preview(
            Routes.param(exchange, "id"),
            Routes.param(exchange, "userId"),
            ListParams.query(exchange, "scopes"));
    Map<String, Object> dto = new java.util.LinkedHashMap<>();
    dto.put("idToken", claims.idToken());
    dto.put("accessToken", claims.accessToken());
    dto.put("userInfo", claims.userInfo());
    Responses.write(exchange, StatusCodes.OK, dto);
  }

  private static Map<String, Object> details(ClientService.ClientDetails details) {
    Map<String, Object> dto = Dtos.client(details.client());
    dto.put("allowedUserGroups", details.allowedGroups().stream().map(Dtos::group).toList());
    return dto;
  }

  private static ClientDraft draft(JsonBody body) {
    JsonBody credentials = body.object("credentials");
    List<JsonBody> items = credentials == null ? null : credentials.objects("federatedIdentities");
    List<ClientDraft.IdentityDraft> identities = null;
    if (items != null) {
      identities = new ArrayList<>();
      for (JsonBody item : items) {
        identities.add(
            new ClientDraft.IdentityDraft(
                item.string("issuer"),
                item.string("subject"),
                item.string("audience"),
                item.string("jwks")));
      }
    }
    return new ClientDraft(
        body.string("id"),
        body.string("name"),
        body.strings("callbackURLs", "callbackUrls"),
        body.strings("logoutCallbackURLs", "logoutCallbackUrls"),
        body.isTrue("isPublic"),
        body.isTrue("pkceEnabled"),
        body.isTrue("requiresReauthentication"),
        body.string("launchURL", "launchUrl"),
        body.string("backchannelLogoutURL", "backchannelLogoutUri"),
        identities);
  }
}

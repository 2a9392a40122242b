package io.pocketid.server.internal.api;

import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.service.CustomClaimService;
import io.pocketid.core.service.GroupService;
import io.pocketid.core.service.UserAdminService;
import io.pocketid.core.store.UserStore;
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
 * Users as an administrator manages them, at Pocket ID's paths under {@code /api/users}, plus
 * custom claims ({@code /api/custom-claims}). Admin only: a session or an admin's API key.
 */
public final class AdminUserApi {
  private static final Set<String> SORTABLE =
      Set.of("username", "email", "firstName", "lastName", "displayName", "createdAt");

  private final Access access;
  private final UserAdminService users;
  private final GroupService groups;
  private final CustomClaimService claims;

  public AdminUserApi(
      Access access, UserAdminService users, GroupService groups, CustomClaimService claims) {
    this.access = access;
    this.users = users;
    this.groups = groups;
    this.claims = claims;
  }

  /**
   * {@code GET /api/users}: paginated, searchable, sortable; {@code filters[isAdmin]} and {@code
   * filters[disabled]} ({@code true}|{@code false}).
   */
  public void list(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    var filter =
        new UserStore.Filter(
            ListParams.bool(exchange, "filters[isAdmin]"),
            ListParams.bool(exchange, "filters[disabled]"));
    var page = users.list(ListParams.pageRequest(exchange, SORTABLE), filter);
    Responses.write(
        exchange, StatusCodes.OK, Dtos.page(page, page.items().stream().map(Dtos::user).toList()));
  }

  /** {@code GET /api/users/{id}}. */
  public void get(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    Responses.write(exchange, StatusCodes.OK, Dtos.user(users.get(Routes.param(exchange, "id"))));
  }

  /** {@code POST /api/users}: 201. */
  public void create(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    UserAdminService.UserDraft draft = draft(JsonBody.read(exchange.getInputStream()));
    Responses.write(exchange, StatusCodes.CREATED, Dtos.user(users.create(draft)));
  }

  /** {@code PUT /api/users/{id}}. */
  public void update(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    String id = Routes.param(exchange, "id");
    UserAdminService.UserDraft draft = draft(JsonBody.read(exchange.getInputStream()));
    Responses.write(exchange, StatusCodes.OK, Dtos.user(users.update(id, draft)));
  }

  /** {@code DELETE /api/users/{id}}: 204. */
  public void delete(HttpServerExchange exchange) {
    Principal admin = access.requireAdmin(exchange);
    users.delete(admin.user(), Routes.param(exchange, "id"));
    Responses.noContent(exchange);
  }

  /** {@code GET /api/users/{id}/groups}: the user's groups with their members. */
  public void groups(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    var found = groups.detailsOfGroupsOf(Routes.param(exchange, "id"));
    Responses.write(exchange, StatusCodes.OK, found.stream().map(Dtos::groupDetails).toList());
  }

  /** {@code PUT /api/users/{id}/user-groups} with {@code {userGroupIds}}. */
  public void setGroups(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    String id = Routes.param(exchange, "id");
    List<String> ids = JsonBody.read(exchange.getInputStream()).strings("userGroupIds");
    Responses.write(exchange, StatusCodes.OK, Dtos.user(users.setGroups(id, ids)));
  }

  /** {@code POST /api/users/{id}/one-time-access-token} with {@code {ttl}}: 201 {@code {token}}. */
  public void createLoginCode(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    String id = Routes.param(exchange, "id");
    var ttl = GoDuration.read(JsonBody.read(exchange.getInputStream()), "ttl");
    Responses.write(exchange, StatusCodes.CREATED, Map.of("token", users.createLoginCode(id, ttl)));
  }

  /** {@code GET /api/custom-claims/suggestions}. */
  public void claimSuggestions(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    Responses.write(exchange, StatusCodes.OK, claims.suggestions());
  }

  /** {@code PUT /api/custom-claims/user/{userId}} with {@code [{key, value}]}. */
  public void setUserClaims(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    String userId = Routes.param(exchange, "userId");
    List<CustomClaim> given = claimsOf(exchange);
    Responses.write(exchange, StatusCodes.OK, Dtos.claims(claims.setForUser(userId, given)));
  }

  /** {@code PUT /api/custom-claims/user-group/{userGroupId}} with {@code [{key, value}]}. */
  public void setGroupClaims(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    String groupId = Routes.param(exchange, "userGroupId");
    List<CustomClaim> given = claimsOf(exchange);
    Responses.write(exchange, StatusCodes.OK, Dtos.claims(claims.setForGroup(groupId, given)));
  }

  private static List<CustomClaim> claimsOf(HttpServerExchange exchange) {
    List<CustomClaim> given = new ArrayList<>();
    for (JsonBody item : JsonBody.readArray(exchange.getInputStream())) {
      String key = item.string("key");
      String value = item.string("value");
      given.add(new CustomClaim(key == null ? "" : key, value == null ? "" : value));
    }
    return given;
  }

  private static UserAdminService.UserDraft draft(JsonBody body) {
    return new UserAdminService.UserDraft(
        body.string("username"),
        body.string("email"),
        body.string("firstName"),
        body.string("lastName"),
        body.string("displayName"),
        body.isTrue("isAdmin"),
        body.string("locale"),
        body.isTrue("disabled"));
  }
}

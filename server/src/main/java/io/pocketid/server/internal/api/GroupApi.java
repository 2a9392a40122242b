package io.pocketid.server.internal.api;

import io.pocketid.core.service.GroupService;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.http.JsonBody;
import io.pocketid.server.internal.http.Responses;
import io.pocketid.server.internal.http.Routes;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.List;
import java.util.Set;

/** User groups at Pocket ID's paths under {@code /api/user-groups}. Admin only. */
public final class GroupApi {
  private static final Set<String> SORTABLE = Set.of("friendlyName", "name", "createdAt");

  private final Access access;
  private final GroupService groups;

  public GroupApi(Access access, GroupService groups) {
    this.access = access;
    this.groups = groups;
  }

  /** {@code GET /api/user-groups}: paginated, with member counts. */
  public void list(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    var page = groups.summaries(ListParams.pageRequest(exchange, SORTABLE));
    Responses.write(
        exchange,
        StatusCodes.OK,
        Dtos.page(page, page.items().stream().map(Dtos::groupSummary).toList()));
  }

  /** {@code GET /api/user-groups/{id}}: with its members. */
  public void get(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    Responses.write(
        exchange, StatusCodes.OK, Dtos.groupDetails(groups.details(Routes.param(exchange, "id"))));
  }

  /** {@code POST /api/user-groups} with {@code {friendlyName, name?}}: 201. */
  public void create(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    JsonBody body = JsonBody.read(exchange.getInputStream());
    var created = groups.create(body.string("friendlyName"), body.string("name"));
    Responses.write(
        exchange,
        StatusCodes.CREATED,
        Dtos.groupDetails(new GroupService.GroupDetails(created, List.of(), List.of())));
  }

  /** {@code PUT /api/user-groups/{id}} with {@code {friendlyName, name}}. */
  public void update(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    String id = Routes.param(exchange, "id");
    JsonBody body = JsonBody.read(exchange.getInputStream());
    var updated = groups.update(id, body.string("friendlyName"), body.string("name"));
    Responses.write(exchange, StatusCodes.OK, Dtos.groupDetails(updated));
  }

  /** {@code PUT /api/user-groups/{id}/users} with {@code {userIds}}. */
  public void setUsers(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    String id = Routes.param(exchange, "id");
    var ids = JsonBody.read(exchange.getInputStream()).strings("userIds");
    Responses.write(exchange, StatusCodes.OK, Dtos.groupDetails(groups.replaceMembers(id, ids)));
  }

  /** {@code DELETE /api/user-groups/{id}}: 204. */
  public void delete(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    groups.delete(Routes.param(exchange, "id"));
    Responses.noContent(exchange);
  }
}

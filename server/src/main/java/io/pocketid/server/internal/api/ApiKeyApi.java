package io.pocketid.server.internal.api;

import io.pocketid.core.model.ApiKey;
import io.pocketid.core.service.ApiKeyService;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.BadRequestException;
import io.pocketid.server.internal.http.JsonBody;
import io.pocketid.server.internal.http.Responses;
import io.pocketid.server.internal.http.Routes;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A user's own API keys at Pocket ID's paths under {@code /api/api-keys}. Listing and revoking work
 * with a session or a key; creating a key needs a browser session, so that a key cannot mint
 * longer-lived keys.
 */
public final class ApiKeyApi {
  private static final Set<String> SORTABLE =
      Set.of("name", "expiresAt", "lastUsedAt", "createdAt");

  private final Access access;
  private final ApiKeyService keys;

  public ApiKeyApi(Access access, ApiKeyService keys) {
    this.access = access;
    this.keys = keys;
  }

  /** {@code GET /api/api-keys}: the caller's keys, paginated. */
  public void list(HttpServerExchange exchange) {
    Principal principal = access.requireUser(exchange);
    var page = keys.list(principal.user().id(), ListParams.pageRequest(exchange, SORTABLE));
    Responses.write(
        exchange,
        StatusCodes.OK,
        Dtos.page(page, page.items().stream().map(ApiKeyApi::dto).toList()));
  }

  /** {@code POST /api/api-keys} with {@code {name, description?, expiresAt}}: 201, key once. */
  public void create(HttpServerExchange exchange) {
    Principal principal = access.requireSession(exchange);
    JsonBody body = JsonBody.read(exchange.getInputStream());
    ApiKeyService.NewApiKey created =
        keys.create(
            principal.user(),
            body.string("name"),
            body.string("description"),
            instant(body.string("expiresAt")));
    Map<String, Object> dto = new LinkedHashMap<>();
    dto.put("apiKey", dto(created.key()));
    dto.put("token", created.token());
    Responses.write(exchange, StatusCodes.CREATED, dto);
  }

  /** {@code DELETE /api/api-keys/{id}}: 204; only the caller's own keys. */
  public void revoke(HttpServerExchange exchange) {
    Principal principal = access.requireUser(exchange);
    keys.revoke(principal.user().id(), Routes.param(exchange, "id"));
    Responses.noContent(exchange);
  }

  private static Instant instant(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          "ExpiresAt is invalid: use an RFC 3339 time such as 2030-01-31T12:00:00Z");
    }
  }

  private static Map<String, Object> dto(ApiKey key) {
    Map<String, Object> dto = new LinkedHashMap<>();
    dto.put("id", key.id());
    dto.put("name", key.name());
    dto.put("description", key.description());
    dto.put("expiresAt", key.expiresAt());
    dto.put("lastUsedAt", key.lastUsedAt());
    dto.put("createdAt", key.createdAt());
    dto.put("expirationEmailSent", key.expirationEmailSent());
    return dto;
  }
}

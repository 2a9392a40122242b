package io.pocketid.server.internal.oidc;

import io.pocketid.core.model.FederatedIdentity;
import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.service.TextRules;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import io.pocketid.oidc.authorize.RedirectUris;
import io.pocketid.oidc.client.ClientSecrets;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.BadRequestException;
import io.pocketid.server.internal.http.Responses;
import io.pocketid.server.internal.http.WebServices;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The client administration API under {@code /api/oidc/clients} with Pocket ID's paths, JSON field
 * names and pagination shape. Admin only (session or an admin's API key), except {@code /meta}.
 */
final class ClientApi {
  static final String PREFIX = "/api/oidc/clients/";
  private static final Pattern CLIENT_ID = Pattern.compile("[a-zA-Z0-9._-]{2,128}");

  private final Supplier<WebServices> services;
  private final RandomTokens random = new RandomTokens();

  ClientApi(Supplier<WebServices> services) {
    this.services = services;
  }

  /** {@code GET /api/oidc/clients?pagination[page]=&pagination[limit]=&search=&sort[...]}. */
  void list(HttpServerExchange exchange) {
    WebServices s = services.get();
    OidcAdmin.requireAdmin(s, exchange);
    int page = intQuery(exchange, "pagination[page]", 1);
    int limit =
        Math.min(PageRequest.MAX_SIZE, Math.max(1, intQuery(exchange, "pagination[limit]", 20)));
    PageRequest request =
        PageRequest.of(Math.max(1, page), limit).withSearch(query(exchange, "search"));
    String column = query(exchange, "sort[column]");
    if ("name".equals(column) || "createdAt".equals(column)) {
      request =
          request.withSort(
              new Sort(column, !"desc".equalsIgnoreCase(query(exchange, "sort[direction]"))));
    }
    Page<OidcClient> result = s.storage.clients().list(request);
    if (result.currentPage() > result.totalPages()) {
      result =
          s.storage
              .clients()
              .list(new PageRequest(result.totalPages(), limit, request.sort(), request.search()));
    }
    List<Object> data = new ArrayList<>();
    for (OidcClient client : result.items()) {
      Map<String, Object> dto = clientDto(client);
      dto.put("allowedUserGroupsCount", s.storage.clients().allowedGroupIds(client.id()).size());
      data.add(dto);
    }
    Map<String, Object> pagination = new LinkedHashMap<>();
    pagination.put("totalPages", result.totalPages());
    pagination.put("totalItems", result.totalItems());
    pagination.put("currentPage", result.currentPage());
    pagination.put("itemsPerPage", result.itemsPerPage());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", data);
    out.put("pagination", pagination);
    json(exchange, StatusCodes.OK, out);
  }

  /** {@code POST /api/oidc/clients}: 201; no secret yet (call {@code /secret}). */
  void create(HttpServerExchange exchange) {
    WebServices s = services.get();
    Principal admin = OidcAdmin.requireAdmin(s, exchange);
    JsonIn body = JsonIn.read(exchange.getInputStream());
    String id = body.string("id");
    if (id == null || id.isEmpty()) {
      id = UUID.randomUUID().toString();
    } else if (!CLIENT_ID.matcher(id).matches()) {
      throw new BadRequestException(
          "Client ID must be 2 to 128 characters of letters, digits, '.', '_' or '-'");
    }
    OidcClient client =
        fromBody(
            body,
            id,
            s.clock.instant().truncatedTo(ChronoUnit.MILLIS),
            null,
            admin.user().id(),
            null);
    try {
      s.storage.clients().create(client);
    } catch (DuplicateKeyException e) {
      throw new BadRequestException("Client ID already in use");
    }
    json(exchange, StatusCodes.CREATED, withGroups(s, client));
  }

  /** {@code GET /api/oidc/clients/:id}, or {@code /:id/meta} (public). */
  void get(HttpServerExchange exchange) {
    WebServices s = services.get();
    String rest = rest(exchange);
    if (rest.endsWith("/meta")) {
      OidcClient client = find(s, rest.substring(0, rest.length() - "/meta".length()));
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("id", client.id());
      meta.put("name", client.name());
      meta.put("hasLogo", client.imageType() != null);
      meta.put("hasDarkLogo", client.darkImageType() != null);
      meta.put("launchURL", client.launchUrl());
      meta.put("requiresReauthentication", client.requiresReauthentication());
      json(exchange, StatusCodes.OK, meta);
      return;
    }
    OidcAdmin.requireAdmin(s, exchange);
    json(exchange, StatusCodes.OK, withGroups(s, find(s, single(rest))));
  }

  /** {@code PUT /api/oidc/clients/:id} and {@code /:id/allowed-user-groups}. */
  void put(HttpServerExchange exchange) {
    WebServices s = services.get();
    OidcAdmin.requireAdmin(s, exchange);
    String rest = rest(exchange);
    if (rest.endsWith("/allowed-user-groups")) {
      OidcClient client =
          find(s, rest.substring(0, rest.length() - "/allowed-user-groups".length()));
      JsonIn body = JsonIn.read(exchange.getInputStream());
      List<String> groups = body.strings("userGroupIds");
      if (groups == null) {
        throw new BadRequestException("UserGroupIds is required");
      }
      try {
        s.storage.clients().setAllowedGroups(client.id(), groups);
      } catch (NotFoundException e) {
        throw new BadRequestException(StatusCodes.NOT_FOUND, "Record not found");
      }
      json(exchange, StatusCodes.OK, clientDto(client));
      return;
    }
    OidcClient existing = find(s, single(rest));
    JsonIn body = JsonIn.read(exchange.getInputStream());
    OidcClient updated =
        fromBody(
            body,
            existing.id(),
            existing.createdAt(),
            existing.secretHash(),
            existing.createdById(),
            existing);
    s.storage.clients().update(updated);
    json(exchange, StatusCodes.OK, withGroups(s, updated));
  }

  /** {@code DELETE /api/oidc/clients/:id}: 204. */
  void delete(HttpServerExchange exchange) {
    WebServices s = services.get();
    OidcAdmin.requireAdmin(s, exchange);
    String id = single(rest(exchange));
    if (!s.storage.clients().delete(id)) {
      throw new BadRequestException(StatusCodes.NOT_FOUND, "Record not found");
    }
    exchange.setStatusCode(StatusCodes.NO_CONTENT);
    exchange.endExchange();
  }

  /** {@code POST /api/oidc/clients/:id/secret}: a new 32-character secret, shown once. */
  void createSecret(HttpServerExchange exchange) {
    WebServices s = services.get();
    OidcAdmin.requireAdmin(s, exchange);
    String rest = rest(exchange);
    if (!rest.endsWith("/secret")) {
      throw new BadRequestException(StatusCodes.NOT_FOUND, "API endpoint not found");
    }
    OidcClient client = find(s, rest.substring(0, rest.length() - "/secret".length()));
    String secret = random.fromAlphabet(RandomTokens.ALPHANUMERIC, 32);
    s.storage.clients().update(client.withSecretHash(ClientSecrets.hash(secret)));
    json(exchange, StatusCodes.OK, Map.of("secret", secret));
  }

  private OidcClient fromBody(
      JsonIn body,
      String id,
      java.time.Instant createdAt,
      String secretHash,
      String createdBy,
      OidcClient existing) {
    String name = TextRules.requiredName("Name", body.string("name"), TextRules.NAME_MAX);
    List<String> callbacks = urls(body.strings("callbackURLs", "callbackUrls"), "Callback URL");
    List<String> logoutCallbacks =
        urls(body.strings("logoutCallbackURLs", "logoutCallbackUrls"), "Logout callback URL");
    boolean isPublic = Boolean.TRUE.equals(body.bool("isPublic"));
    boolean pkce = isPublic || Boolean.TRUE.equals(body.bool("pkceEnabled"));
    String launchUrl = body.string("launchURL", "launchUrl");
    if (launchUrl != null && launchUrl.isBlank()) {
      launchUrl = null;
    }
    if (launchUrl != null && !absoluteHttp(launchUrl)) {
      throw new BadRequestException("Launch URL is invalid");
    }
    String backchannel = body.string("backchannelLogoutURL", "backchannelLogoutUri");
    if (backchannel != null && backchannel.isBlank()) {
      backchannel = null;
    }
    if (backchannel != null && !absoluteHttp(backchannel)) {
      throw new BadRequestException("Back-channel logout URL is invalid");
    }
    return new OidcClient(
        id,
        createdAt,
        name,
        isPublic ? null : secretHash,
        callbacks,
        logoutCallbacks,
        backchannel,
        existing == null ? null : existing.imageType(),
        existing == null ? null : existing.darkImageType(),
        createdBy,
        isPublic,
        pkce,
        Boolean.TRUE.equals(body.bool("requiresReauthentication")),
        launchUrl,
        federatedIdentities(body, existing));
  }

  /**
   * {@code credentials.federatedIdentities[{issuer, subject?, audience?, jwks?}]}; absent keeps the
   * client's current list.
   */
  private static List<FederatedIdentity> federatedIdentities(JsonIn body, OidcClient existing) {
    JsonIn credentials = body.object("credentials");
    List<JsonIn> items = credentials == null ? null : credentials.objects("federatedIdentities");
    if (items == null) {
      return existing == null ? List.of() : existing.federatedIdentities();
    }
    List<FederatedIdentity> out = new ArrayList<>();
    for (JsonIn item : items) {
      String issuer = item.string("issuer");
      if (issuer == null || issuer.isBlank()) {
        throw new BadRequestException("Issuer is required");
      }
      String jwks = blankToNull(item.string("jwks"));
      if (jwks != null && !absoluteHttp(jwks)) {
        throw new BadRequestException("JWKS URL is invalid");
      }
      out.add(
          new FederatedIdentity(
              issuer,
              blankToNull(item.string("subject")),
              blankToNull(item.string("audience")),
              jwks));
    }
    return out;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static List<String> urls(List<String> values, String what) {
    if (values == null) {
      return List.of();
    }
    for (String url : values) {
      if (!RedirectUris.isRegistrable(url)) {
        throw new BadRequestException(what + " '" + truncate(url) + "' is invalid");
      }
    }
    return List.copyOf(values);
  }

  private static boolean absoluteHttp(String url) {
    try {
      URI uri = URI.create(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Map<String, Object> clientDto(OidcClient client) {
    Map<String, Object> dto = new LinkedHashMap<>();
    dto.put("id", client.id());
    dto.put("name", client.name());
    dto.put("hasLogo", client.imageType() != null);
    dto.put("hasDarkLogo", client.darkImageType() != null);
    dto.put("launchURL", client.launchUrl());
    dto.put("requiresReauthentication", client.requiresReauthentication());
    dto.put("callbackURLs", client.callbackUrls());
    dto.put("logoutCallbackURLs", client.logoutCallbackUrls());
    dto.put("isPublic", client.publicClient());
    dto.put("pkceEnabled", client.pkceEnabled());
    List<Object> identities = new ArrayList<>();
    for (FederatedIdentity identity : client.federatedIdentities()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("issuer", identity.issuer());
      item.put("subject", identity.subject());
      item.put("audience", identity.audience());
      item.put("jwks", identity.jwksUrl());
      identities.add(item);
    }
    dto.put("credentials", Map.of("federatedIdentities", identities));
    return dto;
  }

  private static Map<String, Object> withGroups(WebServices s, OidcClient client) {
    Map<String, Object> dto = clientDto(client);
    List<Object> groups = new ArrayList<>();
    for (String groupId : s.storage.clients().allowedGroupIds(client.id())) {
      Optional<UserGroup> group = s.storage.groups().findById(groupId);
      group.ifPresent(
          g -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", g.id());
            item.put("friendlyName", g.friendlyName());
            item.put("name", g.name());
            item.put("createdAt", g.createdAt().toString());
            item.put("ldapId", g.ldapId());
            groups.add(item);
          });
    }
    dto.put("allowedUserGroups", groups);
    return dto;
  }

  private static OidcClient find(WebServices s, String id) {
    return s.storage
        .clients()
        .findById(id)
        .orElseThrow(() -> new BadRequestException(StatusCodes.NOT_FOUND, "Record not found"));
  }

  private static String rest(HttpServerExchange exchange) {
    String rest = exchange.getRelativePath().substring(PREFIX.length());
    if (rest.isEmpty()) {
      throw new BadRequestException(StatusCodes.NOT_FOUND, "API endpoint not found");
    }
    return rest;
  }

  private static String single(String rest) {
    if (rest.contains("/")) {
      throw new BadRequestException(StatusCodes.NOT_FOUND, "API endpoint not found");
    }
    return rest;
  }

  private static void json(HttpServerExchange exchange, int status, Object body) {
    Responses.json(exchange, status, JsonOut.write(body));
  }

  private static String query(HttpServerExchange exchange, String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  private static int intQuery(HttpServerExchange exchange, String name, int fallback) {
    String value = query(exchange, name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String truncate(String value) {
    return value.length() > 64 ? value.substring(0, 64) + "…" : value;
  }
}

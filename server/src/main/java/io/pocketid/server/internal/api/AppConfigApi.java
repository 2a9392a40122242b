package io.pocketid.server.internal.api;

import io.pocketid.core.config.AppConfigService;
import io.pocketid.core.service.AppConfigAdmin;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.http.JsonBody;
import io.pocketid.server.internal.http.Responses;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/application-configuration}: the public settings for everyone, all settings (secrets
 * masked) for admins, and the admin's changes.
 */
public final class AppConfigApi {
  private final Access access;
  private final AppConfigAdmin settings;

  public AppConfigApi(Access access, AppConfigAdmin settings) {
    this.access = access;
    this.settings = settings;
  }

  /** {@code GET /api/application-configuration}: {@code [{key, type, value}]}, no sign-in. */
  public void publicSettings(HttpServerExchange exchange) {
    List<Object> out = new ArrayList<>();
    for (AppConfigService.Entry entry : settings.publicEntries()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("key", entry.key());
      item.put("type", entry.type());
      item.put("value", entry.value());
      out.add(item);
    }
    Responses.write(exchange, StatusCodes.OK, out);
  }

  /** {@code GET /api/application-configuration/all} (admin): secrets as {@code XXXXXXXXXX}. */
  public void all(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    Responses.write(exchange, StatusCodes.OK, entries());
  }

  /**
   * {@code PUT /api/application-configuration} (admin): an object of string values; an empty string
   * restores the default; answers with all settings.
   */
  public void update(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    Map<String, String> values = JsonBody.read(exchange.getInputStream()).stringFields();
    settings.update(values);
    Responses.write(exchange, StatusCodes.OK, entries());
  }

  private List<Object> entries() {
    List<Object> out = new ArrayList<>();
    for (AppConfigService.Entry entry : settings.allEntries()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("key", entry.key());
      item.put("type", entry.type());
      item.put("value", entry.value());
      item.put("isPublic", entry.isPublic());
      out.add(item);
    }
    return out;
  }
}

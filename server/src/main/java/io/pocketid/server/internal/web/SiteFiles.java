package io.pocketid.server.internal.web;

import io.pocketid.core.config.AppConfigService;
import io.pocketid.core.json.JsonWriter;
import io.pocketid.server.internal.http.BasePath;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /favicon.ico}, {@code /robots.txt} and {@code /app.webmanifest}. */
public final class SiteFiles {
  private final AppImages images;
  private final AppConfigService config;

  public SiteFiles(AppImages images, AppConfigService config) {
    this.images = images;
    this.config = config;
  }

  /** {@code GET /favicon.ico}: the favicon an admin uploaded, else the built-in logo. */
  public void favicon(HttpServerExchange exchange) {
    var favicon = images.current("favicon", true).orElseThrow();
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, favicon.contentType());
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "public, max-age=900");
    exchange.getResponseSender().send(ByteBuffer.wrap(favicon.data()));
  }

  /** {@code GET /robots.txt}: an identity provider has nothing to index. */
  public void robots(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "public, max-age=86400");
    exchange.getResponseSender().send("User-agent: *\nDisallow: /\n", StandardCharsets.UTF_8);
  }

  /** {@code GET /app.webmanifest}: the app name and icon, for "add to home screen". */
  public void manifest(HttpServerExchange exchange) {
    Map<String, Object> icon = new LinkedHashMap<>();
    icon.put("src", BasePath.url(exchange, images.logoUrl(true)));
    icon.put("sizes", "any");
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("name", config.appName());
    manifest.put("short_name", config.appName());
    manifest.put("start_url", BasePath.url(exchange, "/settings/account"));
    manifest.put("display", "standalone");
    manifest.put("icons", List.of(icon));
    exchange.setStatusCode(StatusCodes.OK);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/manifest+json");
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
    exchange.getResponseSender().send(JsonWriter.write(manifest), StandardCharsets.UTF_8);
  }
}

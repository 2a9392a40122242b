package io.pocketid.server.internal.api;

import io.pocketid.core.service.ImageService.AppImage;
import io.pocketid.core.service.ImageService.ImageBytes;
import io.pocketid.core.service.ProfilePictures;
import io.pocketid.oidc.admin.ClientService;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.http.BadRequestException;
import io.pocketid.server.internal.http.JsonBody;
import io.pocketid.server.internal.http.MultipartBody;
import io.pocketid.server.internal.http.Responses;
import io.pocketid.server.internal.http.Routes;
import io.pocketid.server.internal.web.AppImages;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;

/**
 * Images at Pocket ID's paths: profile pictures ({@code /api/users/.../profile-picture}), the
 * application images ({@code /api/application-images/...}) and client logos ({@code
 * /api/oidc/clients/{id}/logo}). Uploads are a multipart {@code file}; a client logo may instead be
 * given as {@code {"url": ...}}, which the server fetches with its SSRF guard.
 */
public final class ImageApi {
  private static final String FILE = "file";

  private final Access access;
  private final ProfilePictures pictures;
  private final AppImages appImages;
  private final ClientService clients;

  public ImageApi(
      Access access, ProfilePictures pictures, AppImages appImages, ClientService clients) {
    this.access = access;
    this.pictures = pictures;
    this.appImages = appImages;
    this.clients = clients;
  }

  /** {@code GET /api/users/{id}/profile-picture.png}: public, as the {@code picture} claim. */
  public void profilePicture(HttpServerExchange exchange) {
    send(exchange, pictures.of(Routes.param(exchange, "id")), "public, max-age=900");
  }

  /** {@code PUT /api/users/{id}/profile-picture}: admin; 204. */
  public void setProfilePicture(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    pictures.set(Routes.param(exchange, "id"), MultipartBody.file(exchange, FILE));
    Responses.noContent(exchange);
  }

  /** {@code PUT /api/users/me/profile-picture}: the caller's own; 204. */
  public void setOwnProfilePicture(HttpServerExchange exchange) {
    String id = access.requireUser(exchange).user().id();
    pictures.set(id, MultipartBody.file(exchange, FILE));
    Responses.noContent(exchange);
  }

  /** {@code DELETE /api/users/{id}/profile-picture}: admin; 204. */
  public void removeProfilePicture(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    pictures.remove(Routes.param(exchange, "id"));
    Responses.noContent(exchange);
  }

  /** {@code DELETE /api/users/me/profile-picture}: 204. */
  public void removeOwnProfilePicture(HttpServerExchange exchange) {
    pictures.remove(access.requireUser(exchange).user().id());
    Responses.noContent(exchange);
  }

  /**
   * {@code GET /api/application-images/{name}}: the logo ({@code ?light=false} for the dark one,
   * which falls back to the light one), background and favicon for everyone, the default profile
   * picture for admins. The logo and favicon fall back to the built-in logo; others answer 404.
   */
  public void appImage(HttpServerExchange exchange) {
    String name = Routes.param(exchange, "name");
    if (name.equals(AppImage.DEFAULT_PROFILE_PICTURE.pathName())) {
      access.requireAdmin(exchange);
    }
    Optional<ImageBytes> image = appImages.current(name, light(exchange));
    send(
        exchange,
        image.orElseThrow(() -> new BadRequestException(StatusCodes.NOT_FOUND, "Image not found")),
        "public, max-age=900, stale-while-revalidate=86400");
  }

  /** {@code PUT /api/application-images/{name}} ({@code ?light=} for the logo): admin; 204. */
  public void setAppImage(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    appImages.set(kind(exchange), MultipartBody.file(exchange, FILE));
    Responses.noContent(exchange);
  }

  /** {@code DELETE /api/application-images/{name}}: admin; 204, or 404 when none was set. */
  public void removeAppImage(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    if (!appImages.remove(kind(exchange))) {
      throw new BadRequestException(StatusCodes.NOT_FOUND, "Image not found");
    }
    Responses.noContent(exchange);
  }

  /** {@code GET /api/oidc/clients/{id}/logo?light=}: public. */
  public void clientLogo(HttpServerExchange exchange) {
    ImageBytes logo = clients.logo(Routes.param(exchange, "id"), !light(exchange));
    send(exchange, logo, "public, max-age=900, stale-while-revalidate=43200");
  }

  /**
   * {@code POST /api/oidc/clients/{id}/logo?light=}: admin; a multipart {@code file}, or {@code
   * {"url": "https://..."}} fetched by the server; 204.
   */
  public void setClientLogo(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    String id = Routes.param(exchange, "id");
    boolean dark = !light(exchange);
    String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      clients.setLogoFromUrl(id, dark, JsonBody.read(exchange.getInputStream()).string("url"));
    } else {
      clients.setLogo(id, dark, MultipartBody.file(exchange, FILE));
    }
    Responses.noContent(exchange);
  }

  /** {@code DELETE /api/oidc/clients/{id}/logo?light=}: admin (Pocket ID 1.15 forgot that); 204. */
  public void removeClientLogo(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    clients.removeLogo(Routes.param(exchange, "id"), !light(exchange));
    Responses.noContent(exchange);
  }

  private static AppImage kind(HttpServerExchange exchange) {
    String name = Routes.param(exchange, "name");
    return AppImages.kind(name, light(exchange))
        .orElseThrow(() -> new BadRequestException(StatusCodes.NOT_FOUND, "Image not found"));
  }

  /** {@code ?light=false} asks for the dark variant; anything else is the light one. */
  private static boolean light(HttpServerExchange exchange) {
    String light = ListParams.query(exchange, "light");
    return light == null || !light.equalsIgnoreCase("false");
  }

  /**
   * An image with its ETag (the content's version); {@code If-None-Match} gets 304. A request
   * naming the current version ({@code ?v=}) may be cached for a year.
   */
  static void send(HttpServerExchange exchange, ImageBytes image, String cacheControl) {
    String etag = "\"" + image.version() + "\"";
    String versioned = ListParams.query(exchange, "v");
    exchange
        .getResponseHeaders()
        .put(
            Headers.CACHE_CONTROL,
            image.version().equals(versioned)
                ? "public, max-age=31536000, immutable"
                : cacheControl);
    exchange.getResponseHeaders().put(Headers.ETAG, etag);
    if (etag.equals(exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH))) {
      exchange.setStatusCode(StatusCodes.NOT_MODIFIED);
      exchange.endExchange();
      return;
    }
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, image.contentType());
    exchange.getResponseSender().send(ByteBuffer.wrap(image.data()));
  }
}

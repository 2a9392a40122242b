package io.pocketid.server.internal.web;

import io.pocketid.core.service.ImageService;
import io.pocketid.core.service.ImageService.AppImage;
import io.pocketid.core.service.ImageService.ImageBytes;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The application images as pages and {@code /api/application-images} serve them: the admin's
 * upload, else (for the logo and favicon) the built-in logo; and URLs with the current version, so
 * a new image reaches browsers at once. Versions are re-read at most every {@link #TTL}, so a
 * change made on another instance shows within that time.
 */
public final class AppImages {
  /** How long the versions in page URLs are kept before they are read again. */
  public static final Duration TTL = Duration.ofSeconds(10);

  private static final String LOGO = "logo";

  private final ImageService images;
  private final ImageBytes builtInLogo;
  private final Clock clock;
  private volatile Versions versions;

  public AppImages(ImageService images, byte[] builtInLogo, Clock clock) {
    this.images = images;
    this.builtInLogo = ImageBytes.of(builtInLogo, "image/svg+xml");
    this.clock = clock;
  }

  /** The kind at {@code /api/application-images/{name}} ({@code logo} has a light and a dark). */
  public static Optional<AppImage> kind(String name, boolean light) {
    if (LOGO.equals(name)) {
      return Optional.of(light ? AppImage.LOGO_LIGHT : AppImage.LOGO_DARK);
    }
    return AppImage.fromPathName(name)
        .filter(kind -> kind != AppImage.LOGO_LIGHT && kind != AppImage.LOGO_DARK);
  }

  /**
   * What {@code /api/application-images/{name}} serves: the dark logo falls back to the light one,
   * both and the favicon to the built-in logo.
   */
  public Optional<ImageBytes> current(String name, boolean light) {
    Optional<AppImage> kind = kind(name, light);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    Optional<ImageBytes> image = images.appImage(kind.get());
    return switch (kind.get()) {
      case LOGO_DARK ->
          image.or(() -> images.appImage(AppImage.LOGO_LIGHT)).or(() -> Optional.of(builtInLogo));
      case LOGO_LIGHT, FAVICON -> image.or(() -> Optional.of(builtInLogo));
      default -> image;
    };
  }

  /** Stores an upload (decoded and re-encoded by the image service). */
  public void set(AppImage kind, byte[] upload) {
    images.setAppImage(kind, upload);
    versions = null;
  }

  /** Removes an upload; false when there was none. */
  public boolean remove(AppImage kind) {
    boolean removed = images.removeAppImage(kind);
    versions = null;
    return removed;
  }

  /** The URL of the logo with its version. */
  public String logoUrl(boolean light) {
    return "/api/application-images/logo?light="
        + light
        + "&v="
        + versions().of(light ? "logo-light" : "logo-dark");
  }

  /** The URL of the background image with its version; empty when none was uploaded. */
  public Optional<String> backgroundUrl() {
    String version = versions().of("background");
    return version.equals("none")
        ? Optional.empty()
        : Optional.of("/api/application-images/background?v=" + version);
  }

  /** The URL of the favicon with its version. */
  public String faviconUrl() {
    return "/api/application-images/favicon?v=" + versions().of("favicon");
  }

  /** The favicon's media type (an SVG until an admin uploads one). */
  public String faviconType() {
    return versions().faviconType();
  }

  private Versions versions() {
    Versions current = versions;
    long now = clock.millis();
    if (current == null || now - current.loadedAt() > TTL.toMillis()) {
      current =
          new Versions(
              now,
              Map.of(
                  "logo-light", version(LOGO, true),
                  "logo-dark", version(LOGO, false),
                  "favicon", version("favicon", true),
                  "background", version("background", true)),
              current("favicon", true).map(ImageBytes::contentType).orElse("image/svg+xml"));
      versions = current;
    }
    return current;
  }

  private String version(String name, boolean light) {
    return current(name, light).map(ImageBytes::version).orElse("none");
  }

  private record Versions(long loadedAt, Map<String, String> byName, String faviconType) {
    String of(String name) {
      return byName.getOrDefault(name, "none");
    }
  }
}

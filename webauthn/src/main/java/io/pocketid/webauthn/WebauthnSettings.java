package io.pocketid.webauthn;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Relying-party settings.
 *
 * @param rpId the RP ID, the host of APP_URL
 * @param rpName shown by authenticators (the app name)
 * @param origins accepted origins: APP_URL plus any extra origins
 * @param timeout how long a ceremony may take (Pocket ID: 60 s)
 */
public record WebauthnSettings(String rpId, String rpName, List<String> origins, Duration timeout) {
  public WebauthnSettings {
    Objects.requireNonNull(rpId, "rpId");
    Objects.requireNonNull(rpName, "rpName");
    origins = List.copyOf(origins);
    Objects.requireNonNull(timeout, "timeout");
    if (origins.isEmpty()) {
      throw new IllegalArgumentException("at least one origin is required");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }

  /**
   * Settings for a server reached at {@code appUrl}: RP ID = its host, origin = the URL itself.
   *
   * @param extraOrigins further accepted origins (for example an Android app's origin)
   */
  public static WebauthnSettings forAppUrl(
      String appUrl, String rpName, List<String> extraOrigins) {
    URI uri = URI.create(appUrl);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("APP_URL has no host: " + appUrl);
    }
    List<String> all = new ArrayList<>();
    all.add(originOf(uri));
    all.addAll(extraOrigins);
    return new WebauthnSettings(uri.getHost(), rpName, all, Duration.ofSeconds(60));
  }

  private static String originOf(URI uri) {
    String origin = uri.getScheme() + "://" + uri.getHost();
    return uri.getPort() == -1 ? origin : origin + ":" + uri.getPort();
  }
}

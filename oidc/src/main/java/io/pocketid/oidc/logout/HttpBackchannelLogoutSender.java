package io.pocketid.oidc.logout;

import io.pocketid.oidc.internal.BoundedHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs {@code logout_token} as {@code application/x-www-form-urlencoded} (Back-Channel Logout
 * §2.5) with {@code java.net.http}: one timeout for the whole exchange (a client that trickles its
 * answer cannot hold a background thread), no redirects (§2.8: the OP must not follow them), and no
 * retries. Failures are logged and reported as {@code false}; they never fail a logout.
 */
public final class HttpBackchannelLogoutSender implements BackchannelLogoutSender {
  private static final Logger LOG = LoggerFactory.getLogger(HttpBackchannelLogoutSender.class);

  /** The default timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** The most of a client's answer read (the body is ignored; only the status counts). */
  private static final int MAX_ANSWER_BYTES = 64 * 1024;

  // Made on first use: a client loads the CA certificates and starts a selector thread.
  private HttpClient http;
  private final Duration timeout;

  public HttpBackchannelLogoutSender(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .connectTimeout(timeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    }
    return http;
  }

  public HttpBackchannelLogoutSender() {
    this(DEFAULT_TIMEOUT);
  }

  @Override
  public boolean send(BackchannelDelivery delivery) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(delivery.uri()))
              .timeout(timeout)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Cache-Control", "no-store")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "logout_token="
                          + URLEncoder.encode(delivery.logoutToken(), StandardCharsets.UTF_8)))
              .build();
      int status = BoundedHttp.send(http(), request, timeout, MAX_ANSWER_BYTES).status();
      if (status == 200 || status == 204) {
        return true;
      }
      LOG.warn("back-channel logout to {} answered {}", delivery.clientId(), status);
      return false;
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("back-channel logout to {} failed: {}", delivery.clientId(), e.toString());
      return false;
    }
  }
}

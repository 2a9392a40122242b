package io.pocketid.oidc.client;

import io.pocketid.oidc.internal.BoundedHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Fetches JWK sets with {@code java.net.http}: http(s) only, one timeout for connecting and one for
 * the whole exchange (body included: a server that trickles its answer is cut off), status 200
 * only, at most 512 KiB, no redirects.
 */
public final class HttpJwksFetcher implements JwksFetcher {
  /** The default timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  static final int MAX_BYTES = 512 * 1024;

  // Made on first use: a client loads the CA certificates and starts a selector thread.
  private HttpClient http;
  private final Duration timeout;

  public HttpJwksFetcher(Duration timeout) {
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

  public HttpJwksFetcher() {
    this(DEFAULT_TIMEOUT);
  }

  @Override
  public String fetch(URI uri) throws IOException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IOException("JWKS URL must be http(s): " + uri);
    }
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/jwk-set+json, application/json")
            .GET()
            .build();
    BoundedHttp.Answer answer = BoundedHttp.send(http(), request, timeout, MAX_BYTES);
    if (answer.status() != 200) {
      throw new IOException("JWKS fetch from " + uri + " answered " + answer.status());
    }
    return new String(answer.body(), StandardCharsets.UTF_8);
  }
}

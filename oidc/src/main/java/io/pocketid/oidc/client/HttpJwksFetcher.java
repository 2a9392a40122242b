package io.pocketid.oidc.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Fetches JWK sets with {@code java.net.http}: http(s) only, a timeout for connecting and for the
 * whole response, status 200 only, at most 512 KiB, no redirects.
 */
public final class HttpJwksFetcher implements JwksFetcher {
  /** The default timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  static final int MAX_BYTES = 512 * 1024;

  private final HttpClient http;
  private final Duration timeout;

  public HttpJwksFetcher(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
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
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + uri, e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("JWKS fetch from " + uri + " answered " + response.statusCode());
      }
      byte[] bytes = body.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException("JWKS from " + uri + " is larger than " + MAX_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}

package io.pocketid.oidc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import io.pocketid.core.testing.TestClock;
import io.pocketid.oidc.StalledServer;
import io.pocketid.oidc.TestWorld;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JwksCacheTest {
  private static final URI URL = URI.create("https://idp.example/jwks");
  private final TestClock clock = new TestWorld().clock;
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicReference<String> document = new AtomicReference<>();
  private final JwksCache cache =
      new JwksCache(
          uri -> {
            fetches.incrementAndGet();
            String doc = document.get();
            if (doc == null) {
              throw new IOException("down");
            }
            return doc;
          },
          clock,
          Duration.ofMinutes(5),
          Duration.ofHours(24));

  private static String jwks(String kid) throws Exception {
    return new JWKSet(new ECKeyGenerator(Curve.P_256).keyID(kid).generate().toPublicJWK())
        .toString();
  }

  @Test
  @DisplayName("JWKS cache: a set is fetched once and served until it is maxAge old")
  void cachedUntilMaxAge() throws Exception {
    document.set(jwks("a"));
    cache.get(URL);
    clock.advance(Duration.ofHours(23));
    cache.get(URL);
    assertThat(fetches).hasValue(1);
    document.set(jwks("b"));
    clock.advance(Duration.ofHours(1));
    assertThat(cache.get(URL).getKeyByKeyId("b")).isNotNull();
    assertThat(fetches).hasValue(2);
  }

  @Test
  @DisplayName("JWKS cache: refresh for an unknown kid fetches at most once per minRefresh")
  void refreshIsRateLimited() throws Exception {
    document.set(jwks("a"));
    cache.get(URL);
    document.set(jwks("b"));
    assertThat(cache.refresh(URL).getKeyByKeyId("b")).isNull();
    clock.advance(Duration.ofMinutes(5));
    assertThat(cache.refresh(URL).getKeyByKeyId("b")).isNotNull();
    cache.refresh(URL);
    assertThat(fetches).hasValue(2);
  }

  @Test
  @DisplayName("JWKS cache: a failed fetch keeps serving the previous set; no set at all fails")
  void failureKeepsStaleSet() throws Exception {
    assertThatThrownBy(() -> cache.get(URL)).isInstanceOf(IOException.class);
    document.set(jwks("a"));
    clock.advance(Duration.ofMinutes(5));
    cache.get(URL);
    document.set(null);
    clock.advance(Duration.ofHours(25));
    assertThat(cache.get(URL).getKeyByKeyId("a")).isNotNull();
  }

  @Test
  @DisplayName(
      "JWKS cache: a failed first fetch is cached; retries back off 10 s, 20 s, 40 s... up to"
          + " minRefresh")
  void failureIsCachedWithBackoff() throws Exception {
    assertThatThrownBy(() -> cache.get(URL)).hasMessageContaining("down");
    assertThatThrownBy(() -> cache.get(URL)).hasMessageContaining("down");
    assertThat(fetches).hasValue(1);
    clock.advance(Duration.ofSeconds(10));
    assertThatThrownBy(() -> cache.get(URL)).isInstanceOf(IOException.class);
    assertThat(fetches).hasValue(2);
    clock.advance(Duration.ofSeconds(19));
    assertThatThrownBy(() -> cache.refresh(URL)).isInstanceOf(IOException.class);
    assertThat(fetches).hasValue(2);
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> cache.get(URL)).isInstanceOf(IOException.class);
    assertThat(fetches).hasValue(3);
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMinutes(5));
      assertThatThrownBy(() -> cache.get(URL)).isInstanceOf(IOException.class);
    }
    assertThat(fetches).hasValue(13);
    document.set(jwks("a"));
    clock.advance(Duration.ofMinutes(5));
    assertThat(cache.get(URL).getKeyByKeyId("a")).isNotNull();
  }

  @Test
  @DisplayName(
      "JWKS cache: while one caller fetches, another gets the cached failure at once instead of"
          + " waiting")
  void callersDoNotQueueBehindAFetch() throws Exception {
    CountDownLatch fetching = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    JwksCache slow =
        new JwksCache(
            uri -> {
              if (calls.incrementAndGet() == 2) {
                fetching.countDown();
                awaitQuietly(release);
              }
              throw new IOException("down");
            },
            clock);
    assertThatThrownBy(() -> slow.get(URL)).isInstanceOf(IOException.class);
    clock.advance(JwksCache.DEFAULT_FIRST_BACKOFF);
    Thread fetcher =
        new Thread(
            () -> {
              try {
                slow.get(URL);
              } catch (IOException expected) {
                // down
              }
            });
    fetcher.start();
    try {
      fetching.await();
      // Before the fix this caller waited on the fetcher's lock (here: for ever).
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () -> assertThatThrownBy(() -> slow.get(URL)).hasMessageContaining("down"));
      assertThat(calls).hasValue(2);
    } finally {
      release.countDown();
      fetcher.join();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  @DisplayName(
      "HttpJwksFetcher: fetches a JWKS from a real local HTTP server; non-200 and oversize fail")
  void realHttpServer() throws Exception {
    String body = jwks("local");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/.well-known/jwks.json",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.createContext(
        "/missing",
        exchange -> {
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    server.createContext(
        "/huge",
        exchange -> {
          byte[] bytes = new byte[HttpJwksFetcher.MAX_BYTES + 10];
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      HttpJwksFetcher fetcher = new HttpJwksFetcher(Duration.ofSeconds(5));
      JwksCache real = new JwksCache(fetcher, clock);
      assertThat(real.get(URI.create(base + "/.well-known/jwks.json")).getKeyByKeyId("local"))
          .isNotNull();
      assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/missing")))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("404");
      assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/huge")))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("larger");
      assertThatThrownBy(() -> fetcher.fetch(URI.create("file:///etc/passwd")))
          .isInstanceOf(IOException.class);
    } finally {
      server.stop(0);
    }
  }

  @Test
  @DisplayName(
      "Security finding 2: HttpJwksFetcher cuts off a server that sends headers and then trickles"
          + " the body")
  void tricklingBodyIsCutOff() throws Exception {
    String headers =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{";
    try (StalledServer issuer = new StalledServer(headers)) {
      HttpJwksFetcher fetcher = new HttpJwksFetcher(Duration.ofSeconds(2));
      // Before the fix the body was read without a deadline: this never returned.
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () ->
              assertThatThrownBy(() -> fetcher.fetch(issuer.url("/jwks")))
                  .isInstanceOf(IOException.class));
      assertThat(issuer.accepts()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("InMemoryJtiRegistry: a key is accepted once until it expires; full means refuse")
  void jtiRegistry() {
    InMemoryJtiRegistry registry = new InMemoryJtiRegistry(2);
    var now = clock.instant();
    assertThat(registry.firstUse("a", now.plusSeconds(60), now)).isTrue();
    assertThat(registry.firstUse("a", now.plusSeconds(60), now)).isFalse();
    assertThat(registry.firstUse("a", now.plusSeconds(200), now.plusSeconds(61))).isTrue();
    assertThat(registry.firstUse("b", now.plusSeconds(60), now)).isTrue();
    assertThat(registry.firstUse("c", now.plusSeconds(60), now)).isFalse();
  }
}

package io.pocketid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.server.config.EnvironmentConfig;
import io.undertow.Undertow;
import io.undertow.server.handlers.PathHandler;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API and the cross-cutting HTTP behaviour, with a hand-written fake storage. */
class PocketIdServerTest {
  @TempDir Path dir;
  private final FakeStorage fake = new FakeStorage();
  private PocketIdServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop();
    }
  }

  private Http start(io.pocketid.core.store.Storage storage) {
    server =
        PocketIdServer.builder().settings(TestSettings.under(dir)).storage(storage).port(0).build();
    server.start();
    server.ready().join();
    return new Http(server.port());
  }

  @Test
  void healthzWhenStorageReachableThenNoContent() {
    HttpResponse<String> response = start(fake).get("/healthz");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void healthzWhenStorageUnreachableThenServiceUnavailable() {
    Http http = start(fake);
    fake.reachable.set(false);

    HttpResponse<String> response = http.get("/healthz");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("\"error\"");
  }

  @Test
  void healthzWhenStorageClosedThenServiceUnavailable() {
    InMemoryStorage storage = new InMemoryStorage();
    Http http = start(storage);
    storage.close();

    assertThat(http.get("/healthz").statusCode()).isEqualTo(503);
  }

  @Test
  void healthzWhenStorageStillOpeningThenServiceUnavailableUntilOpen() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Http http = startWhenReleased(release);

    assertThat(http.get("/healthz").statusCode()).isEqualTo(503);
    release.countDown();
    server.ready().get(10, TimeUnit.SECONDS);
    assertThat(http.get("/healthz").statusCode()).isEqualTo(204);
  }

  @Test
  void readyOnlyOnceTheSigningKeysAreLoaded() {
    start(fake);

    assertThat(fake.signingKeys().listPublished(java.time.Instant.now())).hasSize(1);
  }

  @Test
  void requestWhileStartingThenWaitsForTheApplicationInsteadOfFailing() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Http http = startWhenReleased(release);

    CompletableFuture<HttpResponse<String>> early =
        CompletableFuture.supplyAsync(() -> http.get("/api/users/me"));
    Thread.sleep(200);
    assertThat(early).isNotDone();
    release.countDown();

    HttpResponse<String> answer = early.get(10, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).contains("You are not signed in");
  }

  @Test
  void readyWhenStorageFailsToOpenThenCompletesExceptionallyAndHealthzStays503() {
    server =
        PocketIdServer.builder()
            .settings(TestSettings.under(dir))
            .storage(
                () -> {
                  throw new IllegalStateException("database down");
                })
            .port(0)
            .build();
    server.start();

    assertThatThrownBy(() -> server.ready().join()).hasRootCauseMessage("database down");
    assertThat(new Http(server.port()).get("/healthz").statusCode()).isEqualTo(503);
    assertThat(
            new Http(server.port())
                .post("/api/signup/setup", SetupEndpointContract.VALID)
                .statusCode())
        .isEqualTo(503);
  }

  /** Starts a server whose storage opens only when {@code release} is counted down. */
  private Http startWhenReleased(CountDownLatch release) {
    server =
        PocketIdServer.builder()
            .settings(TestSettings.under(dir))
            .storage(
                () -> {
                  await(release);
                  return fake;
                })
            .port(0)
            .build();
    server.start();
    return new Http(server.port());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void portWhenConfiguredZeroThenReturnsBoundPort() {
    start(fake);

    assertThat(server.port()).isPositive();
  }

  @Test
  void stopWhenRunningThenClosesStorageAndStopsListening() {
    Http http = start(fake);
    assertThat(http.get("/healthz").statusCode()).isEqualTo(204);

    server.stop();
    server.stop();

    assertThat(fake.closed.get()).isEqualTo(1);
    assertThatThrownBy(() -> http.get("/healthz")).isInstanceOf(RuntimeException.class);
  }

  @Test
  void stopWhenRequestInFlightThenLetsItFinishBeforeClosingStorage() throws Exception {
    Http http = start(fake);
    fake.probeGate = new CountDownLatch(1);
    CompletableFuture<HttpResponse<String>> inFlight =
        CompletableFuture.supplyAsync(() -> http.get("/healthz"));
    assertThat(fake.probeEntered.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);

    assertThatThrownBy(() -> stopping.get(300, TimeUnit.MILLISECONDS))
        .isInstanceOf(TimeoutException.class);
    assertThat(fake.closed.get()).isZero();
    fake.probeGate.countDown();

    assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
    stopping.get(10, TimeUnit.SECONDS);
    assertThat(fake.closed.get()).isEqualTo(1);
  }

  @Test
  void stopWhenNeverStartedThenReturnsAtOnceWithoutOpeningStorage() {
    server = PocketIdServer.builder().settings(TestSettings.under(dir)).storage(fake).build();

    assertTimeoutPreemptively(Duration.ofSeconds(5), server::stop);
    assertThat(fake.closed.get()).isZero();
    assertThatThrownBy(server::start).hasMessageContaining("stopped");
  }

  @Test
  void anyResponseThenCarriesSecurityHeaders() {
    HttpResponse<String> response = start(fake).get("/healthz");

    assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(response.headers().firstValue("Referrer-Policy")).isPresent();
    assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("frame-ancestors 'none'")
        .contains("script-src 'self' 'nonce-");
  }

  @Test
  void requestWhenPathEndsInSlashThenMovedPermanentlyWithoutIt() {
    HttpResponse<String> response = start(fake).get("/api/users/?a=b");

    assertThat(response.statusCode()).isEqualTo(301);
    assertThat(response.headers().firstValue("Location")).contains("/api/users?a=b");
  }

  @Test
  void requestWhenPathStartsWithDoubleSlashThenRedirectStaysOnHost() {
    HttpResponse<String> response = start(fake).get("//evil.example/");

    assertThat(response.statusCode()).isEqualTo(301);
    assertThat(response.headers().firstValue("Location")).contains("/evil.example");
  }

  @Test
  void requestWhenUnknownApiPathThenNotFoundJson() {
    HttpResponse<String> response = start(fake).get("/api/nothing-here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"error\":\"API endpoint not found\"}");
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
  }

  @Test
  void requestWhenKnownApiPathWithOtherMethodThenNotFoundJson() {
    HttpResponse<String> response = start(fake).get("/api/signup/setup");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"error\":\"API endpoint not found\"}");
  }

  @Test
  void handlerWhenMountedInAnotherUndertowThenServes() {
    server =
        PocketIdServer.builder().settings(TestSettings.under(dir)).storage(fake).port(0).build();
    Undertow host =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(new PathHandler().addPrefixPath("/id", server.handler()))
            .build();
    host.start();
    try {
      server.ready().join();
      int port = ((InetSocketAddress) host.getListenerInfo().get(0).getAddress()).getPort();

      assertThat(new Http(port).get("/id/healthz").statusCode()).isEqualTo(204);
    } finally {
      host.stop();
    }
  }

  /** The example in docs/configuration.md, with an empty environment. */
  @Test
  void builderWhenUsedAsInTheDocsThenServes() {
    server =
        PocketIdServer.builder()
            .settings(EnvironmentConfig.load(Map.of()))
            .appUrl("https://ID.example.com/")
            .host("127.0.0.1")
            .port(0)
            .dataDirectory(dir)
            .storage(new InMemoryStorage())
            .build();
    server.start();
    server.ready().join();

    assertThat(new Http(server.port()).get("/healthz").statusCode()).isEqualTo(204);
    assertThat(server.settings().http().appUrl()).isEqualTo("https://id.example.com");
    assertThat(dir.resolve("uploads")).isDirectory();
  }

  @Test
  void buildWhenAppUrlHasAPathThatIsNotPlainThenFailsNamingIt() {
    assertThat(
            PocketIdServer.builder()
                .settings(TestSettings.under(dir))
                .appUrl("http://x/y")
                .build()
                .settings()
                .http()
                .appUrl())
        .isEqualTo("http://x/y");
    assertThatThrownBy(
            () ->
                PocketIdServer.builder()
                    .settings(TestSettings.under(dir))
                    .appUrl("http://x/y/../z")
                    .build())
        .hasMessageContaining("appUrl")
        .hasMessageContaining("path");
  }
}

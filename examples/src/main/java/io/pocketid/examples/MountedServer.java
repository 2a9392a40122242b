package io.pocketid.examples;

import io.pocketid.server.PocketIdServer;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.Headers;

/**
 * Pocket ID inside another Undertow application, under the context path {@code /auth}: the host
 * application keeps {@code /}, the identity provider answers at {@code /auth} (pages, API, OpenID
 * Connect endpoints, issuer {@code http://localhost:<port>/auth}). Data and keys stay in memory.
 */
public final class MountedServer {
  private final Undertow undertow;
  private final PocketIdServer pocketId;
  private final String issuer;

  /** Builds both on {@code port} of 127.0.0.1; nothing listens until {@link #start()}. */
  public MountedServer(int port) {
    this.issuer = "http://localhost:" + port + "/auth";
    this.pocketId = PocketIdServer.builder().appUrl(issuer).build();
    PathHandler paths =
        Handlers.path(
                exchange -> {
                  exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
                  exchange.getResponseSender().send("The host application");
                })
            .addPrefixPath("/auth", pocketId.handler());
    this.undertow = Undertow.builder().addHttpListener(port, "127.0.0.1").setHandler(paths).build();
  }

  /** Starts listening; Pocket ID answers once its storage and keys are ready. */
  public void start() {
    undertow.start();
    pocketId.ready().join();
  }

  public String issuer() {
    return issuer;
  }

  public void stop() {
    undertow.stop();
    pocketId.stop();
  }

  public static void main(String[] args) throws InterruptedException {
    MountedServer server = new MountedServer(args.length > 0 ? Integer.parseInt(args[0]) : 8080);
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    server.start();
    System.out.println(server.issuer());
    Thread.currentThread().join();
  }
}

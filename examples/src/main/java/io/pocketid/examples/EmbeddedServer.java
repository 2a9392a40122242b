package io.pocketid.examples;

import io.pocketid.server.PocketIdServer;

/**
 * The README's embedding example: a complete OpenID Connect provider in one class. It listens on a
 * free port of 127.0.0.1, keeps its data and signing keys in memory (nothing is written anywhere),
 * prints its issuer URL on a line of its own and runs until the process is stopped.
 */
public final class EmbeddedServer {
  private EmbeddedServer() {}

  public static void main(String[] args) throws InterruptedException {
    PocketIdServer server = PocketIdServer.builder().host("127.0.0.1").port(0).build();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    server.start();
    server.ready().join();
    System.out.println(server.settings().http().appUrl());
    server.awaitStopped();
  }
}

package com.example.bomconsumer;

import io.pocketid.server.PocketIdServer;

/**
 * Compiled against the artifacts the BOM resolves, nothing else: the embedding API of the README is
 * usable from them.
 */
public final class BomConsumer {
  private BomConsumer() {}

  /** An in-memory provider on a free port of 127.0.0.1, not started. */
  public static PocketIdServer server() {
    return PocketIdServer.builder().host("127.0.0.1").port(0).build();
  }
}

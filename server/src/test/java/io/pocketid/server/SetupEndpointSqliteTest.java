package io.pocketid.server;

import java.nio.file.Path;

/**
 * The setup endpoint on the server's own database: SQLite in a temporary directory, opened by the
 * server itself (the zero-configuration path, relocated with {@code dataDirectory}).
 */
class SetupEndpointSqliteTest extends SetupEndpointContract {
  @Override
  PocketIdServer newServer(Path dataDirectory) {
    return PocketIdServer.builder().dataDirectory(dataDirectory).host("127.0.0.1").port(0).build();
  }
}

package io.pocketid.server;

import io.pocketid.core.store.memory.InMemoryStorage;
import java.nio.file.Path;

/** The setup endpoint on an embedder's storage ({@link InMemoryStorage}). */
class SetupEndpointInMemoryTest extends SetupEndpointContract {
  @Override
  PocketIdServer newServer(Path dataDirectory) {
    return PocketIdServer.builder()
        .settings(TestSettings.under(dataDirectory))
        .storage(new InMemoryStorage())
        .build();
  }
}

package io.pocketid.examples;

import io.pocketid.core.store.Storage;
import io.pocketid.core.store.contract.StorageContract;
import io.pocketid.core.store.memory.InMemoryStorage;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** The custom backend against the storage contract kit: every store, images on files. */
class FileImageStorageContractTest extends StorageContract {
  @TempDir Path directory;

  @Override
  protected Storage newStorage() {
    return new FileImageStorage(
        new InMemoryStorage(), directory.resolve(UUID.randomUUID().toString()));
  }
}

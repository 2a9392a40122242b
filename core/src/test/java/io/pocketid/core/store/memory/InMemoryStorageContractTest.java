package io.pocketid.core.store.memory;

import io.pocketid.core.store.Storage;
import io.pocketid.core.store.contract.StorageContract;

class InMemoryStorageContractTest extends StorageContract {
  @Override
  protected Storage newStorage() {
    return new InMemoryStorage();
  }
}

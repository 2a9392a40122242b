package io.pocketid.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

abstract class LifecycleContract extends ContractSupport {
  @Test
  void isReachableWhileOpen() {
    assertThat(storage().isReachable()).isTrue();
  }

  @Test
  void closeMakesTheStorageUnreachableAndIsIdempotent() {
    storage().close();
    assertThat(storage().isReachable()).isFalse();
    storage().close();
    assertThat(storage().isReachable()).isFalse();
  }
}

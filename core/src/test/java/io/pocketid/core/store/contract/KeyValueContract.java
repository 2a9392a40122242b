package io.pocketid.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.store.KeyValueStore;
import org.junit.jupiter.api.Test;

abstract class KeyValueContract extends ContractSupport {
  private KeyValueStore kv() {
    return storage().keyValues();
  }

  @Test
  void getWhenAbsentThenEmpty() {
    assertThat(kv().get("instance_id")).isEmpty();
  }

  @Test
  void putThenGetReturnsTheLatestValue() {
    kv().put("instance_id", "one");
    assertThat(kv().get("instance_id")).contains("one");
    kv().put("instance_id", "two");
    assertThat(kv().get("instance_id")).contains("two");
  }

  @Test
  void putIfAbsentStoresOnlyTheFirstValue() {
    assertThat(kv().putIfAbsent("instance_id", "first")).isEqualTo("first");
    assertThat(kv().putIfAbsent("instance_id", "second")).isEqualTo("first");
    assertThat(kv().get("instance_id")).contains("first");
  }

  @Test
  void replaceSucceedsOnlyForTheExpectedValue() {
    kv().put("job.lease.cleanup", "a|1");
    assertThat(kv().replace("job.lease.cleanup", "b|1", "c|2")).isFalse();
    assertThat(kv().get("job.lease.cleanup")).contains("a|1");
    assertThat(kv().replace("job.lease.cleanup", "a|1", "c|2")).isTrue();
    assertThat(kv().get("job.lease.cleanup")).contains("c|2");
    assertThat(kv().replace("job.lease.cleanup", "a|1", "d|3")).isFalse();
    assertThat(kv().replace("absent", "a|1", "d|3")).isFalse();
    assertThat(kv().get("absent")).isEmpty();
  }

  @Test
  void largeJsonValuesAreKeptVerbatim() {
    String json = "{\"keys\":[" + "{\"kty\":\"RSA\",\"n\":\"" + "x".repeat(5000) + "\"}]}";
    kv().put("jwt_private_key.json", json);
    assertThat(kv().get("jwt_private_key.json")).contains(json);
  }
}

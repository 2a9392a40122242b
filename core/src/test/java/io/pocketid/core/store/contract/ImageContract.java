package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.T0;
import static io.pocketid.core.store.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.StoredImage;
import io.pocketid.core.store.ImageStore;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

abstract class ImageContract extends ContractSupport {
  private ImageStore images() {
    return storage().images();
  }

  private static StoredImage image(String key, byte[] data, Instant at) {
    return new StoredImage(key, "image/png", data, at);
  }

  @Test
  void findWhenAbsentThenEmpty() {
    assertThat(images().find("profile-picture/nobody")).isEmpty();
  }

  @Test
  void putThenFindReturnsTheImage() {
    StoredImage stored = image("profile-picture/u1", new byte[] {1, 2, 3}, T0);
    images().put(stored);
    assertThat(images().find("profile-picture/u1")).contains(stored);
  }

  @Test
  void putReplacesTheImageUnderTheSameKey() {
    images().put(image("app-image/logoLight", new byte[] {1}, T0));
    StoredImage newer =
        new StoredImage("app-image/logoLight", "image/jpeg", new byte[] {9, 8}, at(60));
    images().put(newer);
    assertThat(images().find("app-image/logoLight")).contains(newer);
    assertThat(images().keys("app-image/")).containsExactly("app-image/logoLight");
  }

  @Test
  void deleteRemovesOnlyThatKeyAndTellsWhetherThereWasOne() {
    images().put(image("profile-picture/u1", new byte[] {1}, T0));
    images().put(image("profile-picture/u2", new byte[] {2}, T0));
    assertThat(images().delete("profile-picture/u1")).isTrue();
    assertThat(images().delete("profile-picture/u1")).isFalse();
    assertThat(images().find("profile-picture/u1")).isEmpty();
    assertThat(images().find("profile-picture/u2")).isPresent();
  }

  @Test
  void deleteByPrefixRemovesTheGroupOnly() {
    images().put(image("client-logo/c1/light", new byte[] {1}, T0));
    images().put(image("client-logo/c1/dark", new byte[] {2}, T0));
    images().put(image("client-logo/c10/light", new byte[] {3}, T0));
    images().put(image("profile-picture/c1", new byte[] {4}, T0));
    assertThat(images().deleteByPrefix("client-logo/c1/")).isEqualTo(2);
    assertThat(images().deleteByPrefix("client-logo/c1/")).isZero();
    assertThat(images().keys("")).containsExactly("client-logo/c10/light", "profile-picture/c1");
  }

  @Test
  void prefixesAreLiteralNotPatterns() {
    images().put(image("a_b/1", new byte[] {1}, T0));
    images().put(image("axb/1", new byte[] {2}, T0));
    images().put(image("a%/1", new byte[] {3}, T0));
    assertThat(images().keys("a_")).containsExactly("a_b/1");
    assertThat(images().keys("a%")).containsExactly("a%/1");
    assertThat(images().deleteByPrefix("a_")).isEqualTo(1);
    assertThat(images().keys("a")).containsExactly("a%/1", "axb/1");
  }

  @Test
  void keysAreSortedAndFilteredByPrefix() {
    images().put(image("profile-picture/b", new byte[] {1}, T0));
    images().put(image("profile-picture/a", new byte[] {1}, T0));
    images().put(image("profile-picture/B", new byte[] {1}, T0));
    images().put(image("app-image/favicon", new byte[] {1}, T0));
    assertThat(images().keys("profile-picture/"))
        .containsExactly("profile-picture/B", "profile-picture/a", "profile-picture/b");
    assertThat(images().keys("nothing/")).isEmpty();
  }

  @Test
  void everyByteValueRoundTrips() {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    images().put(image("bytes", all, T0));
    assertThat(images().find("bytes").orElseThrow().data()).isEqualTo(all);
  }

  @Test
  void aTwoMebibyteImageRoundTrips() {
    byte[] big = new byte[2 * 1024 * 1024];
    new Random(42).nextBytes(big);
    images().put(image("app-image/background", big, at(5)));
    StoredImage found = images().find("app-image/background").orElseThrow();
    assertThat(found.data()).isEqualTo(big);
    assertThat(found.updatedAt()).isEqualTo(at(5));
  }

  @Test
  void storedBytesCannotBeChangedFromOutside() {
    byte[] data = {1, 2, 3};
    StoredImage stored = image("k", data, T0);
    data[0] = 9;
    stored.data()[1] = 9;
    images().put(stored);
    assertThat(images().find("k").orElseThrow().data()).containsExactly(1, 2, 3);
  }
}

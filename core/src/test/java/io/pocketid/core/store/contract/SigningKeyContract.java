package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.T0;
import static io.pocketid.core.store.contract.Fixtures.at;
import static io.pocketid.core.store.contract.Fixtures.signingKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.SigningKey;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.SigningKeyStore;
import org.junit.jupiter.api.Test;

abstract class SigningKeyContract extends ContractSupport {
  private SigningKeyStore keys() {
    return storage().signingKeys();
  }

  private static SigningKey retired(SigningKey k, long retiredAt, long publishUntil) {
    return new SigningKey(
        k.kid(),
        k.algorithm(),
        k.privateJwk(),
        k.encrypted(),
        k.createdAt(),
        k.activeFrom(),
        at(retiredAt),
        at(publishUntil));
  }

  @Test
  void saveThenFindByKidReturnsEqualKeyWithExactBytes() {
    byte[] material = new byte[512];
    for (int i = 0; i < material.length; i++) {
      material[i] = (byte) (i * 7);
    }
    SigningKey k = new SigningKey("kid-1", "ES256", material, true, at(1), at(2), null, null);
    keys().save(k);
    SigningKey found = keys().findByKid("kid-1").orElseThrow();
    assertThat(found.privateJwk()).isEqualTo(material);
    assertThat(found).isEqualTo(k);
    assertThat(found.retiredAt()).isNull();
    assertThat(found.publishUntil()).isNull();
    assertThat(keys().findByKid("kid-2")).isEmpty();
  }

  @Test
  void saveWhenKidTakenThenDuplicateKeyKid() {
    keys().save(signingKey("kid-1", T0));
    assertThatThrownBy(() -> keys().save(signingKey("kid-1", at(10))))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("kid"));
    assertThat(keys().findByKid("kid-1").orElseThrow().activeFrom()).isEqualTo(T0);
  }

  @Test
  void updateReplacesTheRetirementFields() {
    SigningKey k = signingKey("kid-1", T0);
    keys().save(k);
    SigningKey r = retired(k, 100, 200);
    keys().update(r);
    assertThat(keys().findByKid("kid-1")).contains(r);
  }

  @Test
  void updateWhenKeyMissingThenNotFound() {
    assertThatThrownBy(() -> keys().update(signingKey("ghost", T0)))
        .isInstanceOf(NotFoundException.class);
    assertThat(keys().findByKid("ghost")).isEmpty();
  }

  @Test
  void listPublishedReturnsKeysNotPastPublishUntilNewestFirst() {
    keys().save(retired(signingKey("gone", at(-300)), -200, -1));
    keys().save(retired(signingKey("old", at(-200)), -100, 100));
    keys().save(signingKey("current", at(-100)));
    keys().save(retired(signingKey("older", at(-250)), -200, 50));
    assertThat(keys().listPublished(T0))
        .extracting(SigningKey::kid)
        .containsExactly("current", "old", "older");
    assertThat(keys().listPublished(at(60)))
        .extracting(SigningKey::kid)
        .containsExactly("current", "old");
  }

  @Test
  void updateKeepsTheKeyMaterial() {
    SigningKey k = signingKey("kid-1", T0);
    keys().save(k);
    SigningKey tampered =
        new SigningKey("kid-1", "EdDSA", new byte[] {1, 2}, true, at(5), at(6), at(100), at(200));
    keys().update(tampered);
    assertThat(keys().findByKid("kid-1")).contains(retired(k, 100, 200));
  }
}

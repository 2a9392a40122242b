package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.approved;
import static io.pocketid.core.store.contract.Fixtures.at;
import static io.pocketid.core.store.contract.Fixtures.deviceCode;
import static io.pocketid.core.store.contract.Fixtures.hash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.DeviceCode;
import io.pocketid.core.model.User;
import io.pocketid.core.store.DeviceCodeStore;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class DeviceCodeContract extends ContractSupport {
  private User alice;

  private DeviceCodeStore codes() {
    return storage().deviceCodes();
  }

  @BeforeEach
  void createUserAndClient() {
    alice = createUser("alice");
    createClient("c1");
  }

  @Test
  void saveThenFindByBothKeysReturnsTheCode() {
    DeviceCode code = deviceCode("dc", "ABCD-EFGH", "c1", at(600));
    codes().save(code);
    assertThat(codes().findByDeviceCodeHash(hash("dc"))).contains(code);
    assertThat(codes().findByUserCode("ABCD-EFGH")).contains(code);
    assertThat(codes().findByDeviceCodeHash(hash("other"))).isEmpty();
  }

  @Test
  void saveWhenNullableFieldsAreNullThenTheyRoundTripAsNull() {
    codes().save(deviceCode("dc", "ABCD-EFGH", "c1", at(600)));
    DeviceCode found = codes().findByUserCode("ABCD-EFGH").orElseThrow();
    assertThat(found.userId()).isNull();
    assertThat(found.lastPolledAt()).isNull();
    assertThat(found.authTime()).isNull();
    assertThat(found.status()).isEqualTo(DeviceCode.Status.PENDING);
  }

  @Test
  void saveWhenUserCodeTakenThenDuplicateKeyUserCode() {
    codes().save(deviceCode("dc1", "SAME-CODE", "c1", at(600)));
    assertThatThrownBy(() -> codes().save(deviceCode("dc2", "SAME-CODE", "c1", at(600))))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("userCode"));
    assertThat(codes().findByDeviceCodeHash(hash("dc2"))).isEmpty();
  }

  @Test
  void saveWhenDeviceCodeHashTakenThenDuplicateKeyDeviceCodeHash() {
    DeviceCode first = deviceCode("dc", "CODE-0001", "c1", at(600));
    codes().save(first);
    DeviceCode clash =
        new DeviceCode(
            Fixtures.id("other"),
            first.deviceCodeHash(),
            "CODE-0002",
            at(0),
            at(600),
            "c1",
            "openid",
            DeviceCode.Status.PENDING,
            null,
            null,
            null);
    assertThatThrownBy(() -> codes().save(clash))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("deviceCodeHash"));
    assertThat(codes().findByUserCode("CODE-0002")).isEmpty();
  }

  @Test
  void updateRecordsApprovalAndPolling() {
    DeviceCode code = deviceCode("dc", "ABCD-EFGH", "c1", at(600));
    codes().save(code);
    DeviceCode ok = approved(code, alice.id());
    codes().update(ok);
    assertThat(codes().findByDeviceCodeHash(hash("dc"))).contains(ok);
    DeviceCode polled =
        new DeviceCode(
            ok.id(),
            ok.deviceCodeHash(),
            ok.userCode(),
            ok.createdAt(),
            ok.expiresAt(),
            ok.clientId(),
            ok.scope(),
            DeviceCode.Status.DENIED,
            ok.userId(),
            at(7),
            ok.authTime());
    codes().update(polled);
    assertThat(codes().findByUserCode("ABCD-EFGH")).contains(polled);
  }

  @Test
  void updateWhenCodeMissingThenNotFound() {
    assertThatThrownBy(() -> codes().update(deviceCode("ghost", "GHOST-123", "c1", at(600))))
        .isInstanceOf(NotFoundException.class);
    assertThat(codes().findByUserCode("GHOST-123")).isEmpty();
  }

  @Test
  void consumeReturnsTheCodeOnlyOnce() {
    codes().save(approved(deviceCode("dc", "ABCD-EFGH", "c1", at(600)), alice.id()));
    assertThat(codes().consume(hash("dc")).orElseThrow().userId()).isEqualTo(alice.id());
    assertThat(codes().consume(hash("dc"))).isEmpty();
    assertThat(codes().findByUserCode("ABCD-EFGH")).isEmpty();
  }

  @Test
  void deleteExpiredDeletesExactlyTheExpiredCodes() {
    codes().save(deviceCode("old", "OLD-CODE", "c1", at(-1)));
    codes().save(deviceCode("new", "NEW-CODE", "c1", at(1)));
    assertThat(codes().deleteExpired(Fixtures.T0)).isEqualTo(1);
    assertThat(codes().findByUserCode("OLD-CODE")).isEmpty();
    assertThat(codes().findByUserCode("NEW-CODE")).isPresent();
  }

  @Test
  void deleteUserDeletesTheCodesTheyApprovedOnly() {
    codes().save(approved(deviceCode("mine", "MINE-0001", "c1", at(600)), alice.id()));
    codes().save(deviceCode("pending", "PEND-0001", "c1", at(600)));
    storage().users().delete(alice.id());
    assertThat(codes().findByUserCode("MINE-0001")).isEmpty();
    assertThat(codes().findByUserCode("PEND-0001")).isPresent();
  }

  @Test
  void deleteClientDeletesItsCodes() {
    createClient("c2");
    codes().save(deviceCode("one", "ONE-00001", "c1", at(600)));
    codes().save(deviceCode("two", "TWO-00001", "c2", at(600)));
    storage().clients().delete("c1");
    assertThat(codes().findByUserCode("ONE-00001")).isEmpty();
    assertThat(codes().findByUserCode("TWO-00001")).isPresent();
  }
}

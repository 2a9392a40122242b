package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.T0;
import static io.pocketid.core.store.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.store.RevokedGrantStore;
import org.junit.jupiter.api.Test;

abstract class RevokedGrantContract extends ContractSupport {
  private RevokedGrantStore revoked() {
    return storage().revokedGrants();
  }

  @Test
  void isRevokedOnlyForRevokedGrants() {
    revoked().revoke("family-1", at(3600));
    assertThat(revoked().isRevoked("family-1")).isTrue();
    assertThat(revoked().isRevoked("family-2")).isFalse();
  }

  @Test
  void revokeTwiceKeepsOneMarkUntilTheLaterInstant() {
    revoked().revoke("family", at(3600));
    revoked().revoke("family", at(60));
    assertThat(revoked().deleteExpired(at(61))).isZero();
    assertThat(revoked().isRevoked("family")).isTrue();
    assertThat(revoked().deleteExpired(at(3601))).isEqualTo(1);
    assertThat(revoked().isRevoked("family")).isFalse();
  }

  @Test
  void revokeAgainWithALaterInstantExtendsTheMark() {
    revoked().revoke("family", at(60));
    revoked().revoke("family", at(3600));
    assertThat(revoked().deleteExpired(at(61))).isZero();
    assertThat(revoked().isRevoked("family")).isTrue();
  }

  @Test
  void anExpiredMarkCountsUntilItIsDeleted() {
    revoked().revoke("family", at(-60));
    assertThat(revoked().isRevoked("family")).isTrue();
  }

  @Test
  void deleteExpiredDeletesExactlyTheUselessMarks() {
    revoked().revoke("old1", at(-10));
    revoked().revoke("old2", at(-1));
    revoked().revoke("now", T0);
    revoked().revoke("live", at(10));
    assertThat(revoked().deleteExpired(T0)).isEqualTo(2);
    assertThat(revoked().isRevoked("old1")).isFalse();
    assertThat(revoked().isRevoked("old2")).isFalse();
    assertThat(revoked().isRevoked("now")).isTrue();
    assertThat(revoked().isRevoked("live")).isTrue();
  }
}

package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.at;
import static io.pocketid.core.store.contract.Fixtures.passkey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.Passkey;
import io.pocketid.core.model.User;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.PasskeyStore;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class PasskeyContract extends ContractSupport {
  /** Every byte value, so that no encoding (text, base64, hex) can lose one. */
  private static final byte[] ALL_BYTES = allBytes();

  private User alice;
  private User bob;

  private PasskeyStore passkeys() {
    return storage().passkeys();
  }

  private static byte[] allBytes() {
    byte[] b = new byte[256];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (255 - i);
    }
    return b;
  }

  @BeforeEach
  void createUsers() {
    alice = createUser("alice");
    bob = createUser("bob");
  }

  @Test
  void createThenFindByIdAndByCredentialIdReturnEqualPasskey() {
    Passkey p = passkey("phone", alice).aaguid(new byte[16]).signCount(7).lastUsedAt(at(9)).build();
    passkeys().create(p);
    assertThat(passkeys().findById(p.id())).contains(p);
    assertThat(passkeys().findByCredentialId(p.credentialId())).contains(p);
    assertThat(passkeys().findByCredentialId(new byte[] {1, 2, 3})).isEmpty();
  }

  @Test
  void bytesRoundTripExactly() {
    byte[] aaguid = {
      (byte) 0xee,
      (byte) 0x88,
      0x28,
      0x79,
      0x72,
      0x1c,
      0x49,
      0x13,
      (byte) 0x97,
      0x75,
      0x3d,
      (byte) 0xfc,
      (byte) 0xce,
      (byte) 0x97,
      0x07,
      0x2a
    };
    Passkey p =
        new Passkey(
            Fixtures.id("bin"),
            Fixtures.T0,
            "bin",
            ALL_BYTES,
            ALL_BYTES,
            "packed",
            List.of("usb", "nfc", "ble"),
            alice.id(),
            false,
            true,
            aaguid,
            4_000_000_000L,
            null);
    passkeys().create(p);
    Passkey found = passkeys().findByCredentialId(ALL_BYTES).orElseThrow();
    assertThat(found.credentialId()).isEqualTo(ALL_BYTES);
    assertThat(found.publicKeyCose()).isEqualTo(ALL_BYTES);
    assertThat(found.aaguid()).isEqualTo(aaguid);
    assertThat(found).isEqualTo(p);
  }

  @Test
  void createWhenNullableFieldsAreNullThenTheyRoundTripAsNull() {
    Passkey p = passkey("key", alice).build();
    passkeys().create(p);
    Passkey found = passkeys().findById(p.id()).orElseThrow();
    assertThat(found.aaguid()).isNull();
    assertThat(found.lastUsedAt()).isNull();
  }

  @Test
  void findByCredentialIdComparesTheWholeValue() {
    passkeys().create(passkey("a", alice).credentialId(new byte[] {1, 2, 3}).build());
    assertThat(passkeys().findByCredentialId(new byte[] {1, 2})).isEmpty();
    assertThat(passkeys().findByCredentialId(new byte[] {1, 2, 3, 4})).isEmpty();
  }

  @Test
  void createWhenCredentialIdTakenThenDuplicateKeyCredentialId() {
    passkeys().create(passkey("a", alice).credentialId(new byte[] {9, 9}).build());
    Passkey clash = passkey("b", bob).credentialId(new byte[] {9, 9}).build();
    assertThatThrownBy(() -> passkeys().create(clash))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("credentialId"));
    assertThat(passkeys().listForUser(bob.id())).isEmpty();
  }

  @Test
  void createWhenUserMissingThenNotFound() {
    User ghost = Fixtures.user("ghost").build();
    assertThatThrownBy(() -> passkeys().create(passkey("a", ghost).build()))
        .isInstanceOf(NotFoundException.class);
    assertThat(passkeys().listForUser(ghost.id())).isEmpty();
  }

  @Test
  void listForUserReturnsTheirPasskeysInCreationOrder() {
    passkeys().create(passkey("second", alice).createdAt(at(2)).build());
    passkeys().create(passkey("third", alice).createdAt(at(3)).build());
    passkeys().create(passkey("first", alice).createdAt(at(1)).build());
    passkeys().create(passkey("bobs", bob).createdAt(at(0)).build());
    assertThat(map(passkeys().listForUser(alice.id()), Passkey::name))
        .containsExactly("first", "second", "third");
  }

  @Test
  void updateReplacesTheMutableParts() {
    Passkey p = passkey("phone", alice).signCount(1).build();
    passkeys().create(p);
    Passkey used = p.withName("my phone").afterAssertion(5, true, true, at(60));
    passkeys().update(used);
    Passkey found = passkeys().findById(p.id()).orElseThrow();
    assertThat(found).isEqualTo(used);
    assertThat(found.signCount()).isEqualTo(5);
    assertThat(found.backupState()).isTrue();
    assertThat(found.lastUsedAt()).isEqualTo(at(60));
  }

  @Test
  void updateWhenPasskeyMissingThenNotFound() {
    assertThatThrownBy(() -> passkeys().update(passkey("ghost", alice).build()))
        .isInstanceOf(NotFoundException.class);
    assertThat(passkeys().listForUser(alice.id())).isEmpty();
  }

  @Test
  void deleteDeletesOnlyTheOwnersPasskey() {
    Passkey p = passkey("phone", alice).build();
    passkeys().create(p);
    assertThat(passkeys().delete(bob.id(), p.id())).isFalse();
    assertThat(passkeys().findById(p.id())).isPresent();
    assertThat(passkeys().delete(alice.id(), p.id())).isTrue();
    assertThat(passkeys().findById(p.id())).isEmpty();
    assertThat(passkeys().delete(alice.id(), p.id())).isFalse();
  }

  @Test
  void deleteUserDeletesTheirPasskeys() {
    Passkey a = passkey("a", alice).build();
    Passkey b = passkey("b", bob).build();
    passkeys().create(a);
    passkeys().create(b);
    storage().users().delete(alice.id());
    assertThat(passkeys().findById(a.id())).isEmpty();
    assertThat(passkeys().findByCredentialId(a.credentialId())).isEmpty();
    assertThat(passkeys().findById(b.id())).isPresent();
  }

  @Test
  void updateKeepsTheImmutableParts() {
    Passkey p = passkey("phone", alice).build();
    passkeys().create(p);
    Passkey tampered =
        new Passkey(
            p.id(),
            at(99),
            "renamed",
            new byte[] {1},
            new byte[] {2},
            "packed",
            List.of("usb"),
            bob.id(),
            p.backupEligible(),
            p.backupState(),
            new byte[16],
            3,
            at(50));
    passkeys().update(tampered);
    assertThat(passkeys().findById(p.id()))
        .contains(
            p.withName("renamed").afterAssertion(3, p.backupEligible(), p.backupState(), at(50)));
    assertThat(passkeys().findByCredentialId(p.credentialId())).isPresent();
    assertThat(passkeys().listForUser(bob.id())).isEmpty();
  }
}

package io.pocketid.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.webauthn.internal.AuthenticatorNames;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthenticatorNamesTest {
  private static byte[] bytes(String uuid) {
    UUID u = UUID.fromString(uuid);
    return ByteBuffer.allocate(16)
        .putLong(u.getMostSignificantBits())
        .putLong(u.getLeastSignificantBits())
        .array();
  }

  @Test
  void defaultPasskeyNameWhenAaguidKnownThenProviderName() {
    assertThat(AuthenticatorNames.defaultPasskeyName(bytes("fbfc3007-154e-4ecc-8c0b-6e020557d7bd")))
        .isEqualTo("iCloud Keychain Passkey");
  }

  @Test
  void defaultPasskeyNameWhenAaguidUnknownOrZeroThenNewPasskey() {
    assertThat(AuthenticatorNames.defaultPasskeyName(new byte[16])).isEqualTo("New Passkey");
    assertThat(AuthenticatorNames.defaultPasskeyName(null)).isEqualTo("New Passkey");
  }
}

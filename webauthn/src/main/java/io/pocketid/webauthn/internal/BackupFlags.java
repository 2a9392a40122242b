package io.pocketid.webauthn.internal;

import com.yubico.webauthn.data.AuthenticatorData;

/**
 * The backup flags of authenticator data (WebAuthn Level 3 §6.1: bit 3 BE, backup eligible; bit 4
 * BS, backed up), read from the flags byte. Yubico's library marks its own accessors for them
 * deprecated (experimental), so they are decoded here, as is the check of §7.2 that the library
 * would otherwise make from the stored credential's flags.
 */
public final class BackupFlags {
  private static final int BE = 0x08;
  private static final int BS = 0x10;

  private BackupFlags() {}

  public static boolean eligible(AuthenticatorData data) {
    return (data.getFlags().value & BE) != 0;
  }

  public static boolean backedUp(AuthenticatorData data) {
    return (data.getFlags().value & BS) != 0;
  }

  /**
   * Whether an assertion's flags agree with the stored credential (WebAuthn Level 3 §7.2): backup
   * eligibility never changes, and a credential that is not eligible cannot be backed up.
   */
  public static boolean consistent(AuthenticatorData data, boolean storedEligible) {
    return eligible(data) == storedEligible && (eligible(data) || !backedUp(data));
  }
}

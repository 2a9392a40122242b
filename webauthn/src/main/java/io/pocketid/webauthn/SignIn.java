package io.pocketid.webauthn;

import io.pocketid.core.model.Passkey;
import io.pocketid.core.model.User;
import java.util.Objects;

/**
 * A verified passkey sign-in.
 *
 * @param user the signed-in user
 * @param passkey the passkey used, as stored after this sign-in (counter, flags, last used)
 */
public record SignIn(User user, Passkey passkey) {
  public SignIn {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(passkey, "passkey");
  }
}

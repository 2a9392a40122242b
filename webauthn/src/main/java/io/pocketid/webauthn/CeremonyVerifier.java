package io.pocketid.webauthn;

import io.pocketid.core.model.Passkey;
import io.pocketid.core.model.User;
import io.pocketid.core.service.PasskeyRejected;
import io.pocketid.core.service.PasskeyVerifier;
import java.util.Objects;

/** {@link PasskeyCeremonies} as the {@link PasskeyVerifier} port of core's services. */
public final class CeremonyVerifier implements PasskeyVerifier {
  private final PasskeyCeremonies ceremonies;

  public CeremonyVerifier(PasskeyCeremonies ceremonies) {
    this.ceremonies = Objects.requireNonNull(ceremonies, "ceremonies");
  }

  @Override
  public Verified verifyAssertion(String ceremonyId, String responseJson) {
    try {
      SignIn signIn = ceremonies.finishLogin(ceremonyId, responseJson);
      return new Verified(signIn.user(), signIn.passkey());
    } catch (PasskeyCeremonyException e) {
      throw rejected(e);
    }
  }

  @Override
  public Passkey register(String ceremonyId, User user, String responseJson) {
    try {
      return ceremonies.finishRegistration(ceremonyId, user, responseJson);
    } catch (PasskeyCeremonyException e) {
      throw rejected(e);
    }
  }

  private static PasskeyRejected rejected(PasskeyCeremonyException e) {
    return new PasskeyRejected(
        e.failure().name(),
        e.failure().message(),
        e.userId().orElse(null),
        e.failure() == CeremonyFailure.DISABLED_USER);
  }
}

package io.pocketid.oidc.token;

import java.util.List;

/**
 * The {@code amr} claim (OIDC Core §2, values from RFC 8176) for how a browser session signed in.
 */
public final class AuthenticationMethods {
  private AuthenticationMethods() {}

  /**
   * RFC 8176 values for a session's authentication method: a passkey is proof of possession of a
   * key ({@code pop}) with user verification enforced by the server (biometrics or PIN: a second
   * factor, {@code mfa}); a login code is a one-time password ({@code otp}). Anything else (the
   * first-run setup session) has no claim.
   */
  public static List<String> of(String sessionMethod) {
    if (sessionMethod == null) {
      return List.of();
    }
    return switch (sessionMethod) {
      case "passkey" -> List.of("pop", "mfa");
      case "login_code" -> List.of("otp");
      default -> List.of();
    };
  }
}

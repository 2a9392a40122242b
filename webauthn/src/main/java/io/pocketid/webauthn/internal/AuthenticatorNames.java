package io.pocketid.webauthn.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Names of well-known passkey providers by AAGUID, so a new passkey gets a useful default name
 * ("iCloud Keychain Passkey") instead of "New Passkey". The list is a small hand-kept resource.
 */
public final class AuthenticatorNames {
  private static final Map<String, String> NAMES = load();

  private AuthenticatorNames() {}

  /** The provider's name for a 16-byte AAGUID; empty for unknown or all-zero AAGUIDs. */
  public static Optional<String> nameOf(byte[] aaguid) {
    if (aaguid == null || aaguid.length != 16) {
      return Optional.empty();
    }
    ByteBuffer buffer = ByteBuffer.wrap(aaguid);
    UUID uuid = new UUID(buffer.getLong(), buffer.getLong());
    return Optional.ofNullable(NAMES.get(uuid.toString()));
  }

  /** The default name of a new passkey: "{@literal <provider>} Passkey" or "New Passkey". */
  public static String defaultPasskeyName(byte[] aaguid) {
    return nameOf(aaguid).map(n -> n + " Passkey").orElse("New Passkey");
  }

  private static Map<String, String> load() {
    Properties properties = new Properties();
    try (InputStream in = AuthenticatorNames.class.getResourceAsStream("aaguid-names.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> names = new java.util.HashMap<>();
    properties.forEach((k, v) -> names.put(k.toString().toLowerCase(), v.toString()));
    return Collections.unmodifiableMap(names);
  }
}

package io.pocketid.server.internal.crypto;

import io.pocketid.server.config.ConfigException;
import java.lang.reflect.InvocationTargetException;
import java.security.Provider;
import java.security.Security;
import java.util.Locale;

/**
 * {@code JCA_PROVIDER}: which JCA provider signs and verifies. {@code jdk} (the default) keeps the
 * JDK's providers. {@code accp} installs Amazon Corretto Crypto Provider (AWS-LC underneath) first
 * in the provider list, so RSA, ECDSA, SHA-2, HMAC and {@code SecureRandom} come from native code:
 * RS256 signatures cost about a third of the JDK's on this machine kind. ACCP is not shipped (its
 * 3.4 MB jar does not fit the image's 63 MB budget): put {@code
 * AmazonCorrettoCryptoProvider-2.5.0-linux-x86_64.jar} (or {@code -linux-aarch_64}) from Maven
 * Central into the distribution's {@code lib/} and set {@code JCA_PROVIDER=accp}. Start-up fails
 * with one line naming the variable when the jar is missing or its self-test fails.
 */
public final class JcaProviders {
  static final String ACCP_CLASS =
      "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

  private JcaProviders() {}

  /**
   * Applies {@code JCA_PROVIDER}.
   *
   * @param value the variable's value; empty means {@code jdk}
   * @return the name of the provider that now comes first
   * @throws ConfigException for an unknown value, or when ACCP was asked for and is missing or
   *     unhealthy
   */
  public static String apply(String value) {
    String name = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    switch (name) {
      case "", "jdk" -> {
        return Security.getProviders()[0].getName();
      }
      case "accp" -> {
        return installAccp();
      }
      default ->
          throw new ConfigException(
              "JCA_PROVIDER", "\"" + value + "\" must be jdk (the default) or accp");
    }
  }

  private static String installAccp() {
    Class<?> type;
    try {
      type = Class.forName(ACCP_CLASS);
    } catch (ClassNotFoundException e) {
      throw new ConfigException(
          "JCA_PROVIDER",
          "accp needs AmazonCorrettoCryptoProvider-2.5.0-linux-x86_64.jar (or -linux-aarch_64) in"
              + " lib/; it is not on the class path");
    }
    try {
      Provider provider = (Provider) type.getField("INSTANCE").get(null);
      Object error = type.getMethod("getLoadingError").invoke(provider);
      if (error != null) {
        throw new ConfigException(
            "JCA_PROVIDER", "accp could not load its native library: " + error);
      }
      type.getMethod("assertHealthy").invoke(provider);
      if (Security.getProvider(provider.getName()) == null) {
        Security.insertProviderAt(provider, 1);
      }
      return Security.getProviders()[0].getName();
    } catch (InvocationTargetException e) {
      throw new ConfigException("JCA_PROVIDER", "accp failed its self-test: " + e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new ConfigException("JCA_PROVIDER", "accp could not be installed: " + e);
    }
  }
}

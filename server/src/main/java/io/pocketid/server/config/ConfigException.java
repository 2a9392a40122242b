package io.pocketid.server.config;

/**
 * An invalid configuration value. The message is one line that names the variable and says what is
 * wrong, never containing a secret, e.g. {@code PORT: "abc" is not a port number (1-65535)}.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String variable, String problem) {
    super(variable + ": " + problem);
  }
}

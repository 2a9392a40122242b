package io.pocketid.server.cli;

import io.pocketid.core.store.Storage;
import io.pocketid.oidc.keys.SigningAlgorithm;
import io.pocketid.server.config.ConfigException;
import io.pocketid.server.config.EnvironmentConfig;
import io.pocketid.server.config.ServerSettings;
import io.pocketid.server.internal.keys.SigningKeys;
import io.pocketid.storage.jdbc.JdbcStorage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pocket-id key-rotate [--alg RS256|ES256|EdDSA] [-y]}: a new signing key becomes current;
 * the previous one stays in the JWKS until the tokens it signed have expired, so nobody is logged
 * out (Pocket ID v1.15 replaced the key and invalidated every token). Running servers pick the new
 * key up within 30 seconds; no restart is needed.
 */
@Command(name = "key-rotate", description = "Generate a new signing key; old tokens stay valid.")
public final class KeyRotate implements Callable<Integer> {
  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;

  @Option(
      names = {"-a", "--alg"},
      description = "RS256 (default), ES256 or EdDSA.")
  String algorithm = "RS256";

  @Option(
      names = {"-c", "--crv"},
      description = "Accepted for Pocket ID compatibility: EdDSA always uses Ed25519.")
  String curve;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  boolean yes;

  public KeyRotate(Map<String, String> env, PrintStream out, PrintStream err, InputStream in) {
    this.env = env;
    this.out = out;
    this.err = err;
    this.in = in;
  }

  @Override
  public Integer call() {
    SigningAlgorithm alg;
    try {
      alg = SigningAlgorithm.parse(algorithm);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    if (curve != null && alg == SigningAlgorithm.EDDSA && !curve.equalsIgnoreCase("Ed25519")) {
      err.println("unsupported curve '" + curve + "' (EdDSA uses Ed25519)");
      return 2;
    }
    ServerSettings settings;
    try {
      settings = EnvironmentConfig.load(env);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 1;
    }
    if (!yes && !confirmed()) {
      err.println("Aborted.");
      return 1;
    }
    try (Storage storage = JdbcStorage.open(settings.database().jdbc())) {
      String kid = rotate(settings, storage, alg);
      out.println("New " + alg.jwsName() + " signing key " + kid + " is now current.");
      out.println("The previous key stays published until the tokens it signed have expired.");
      return 0;
    } catch (RuntimeException e) {
      err.println("Key rotation failed: " + e.getMessage());
      return 1;
    }
  }

  /** Rotates the keys of a server's configuration on an open storage; returns the new kid. */
  static String rotate(ServerSettings settings, Storage storage, SigningAlgorithm alg) {
    return SigningKeys.forServer(settings, storage, Clock.systemUTC()).rotate(alg);
  }

  private boolean confirmed() {
    out.print("Rotate the signing key? New tokens will be signed with a new key. [y/N] ");
    out.flush();
    try {
      String line =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      return line != null && line.trim().toLowerCase(Locale.ROOT).startsWith("y");
    } catch (IOException e) {
      return false;
    }
  }
}

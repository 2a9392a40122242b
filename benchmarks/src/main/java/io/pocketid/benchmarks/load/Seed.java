package io.pocketid.benchmarks.load;

import io.pocketid.core.model.AuthorizationCode;
import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.RefreshToken;
import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.oidc.client.ClientSecrets;
import io.pocketid.storage.jdbc.ConnectionStrings;
import io.pocketid.storage.jdbc.JdbcStorage;
import io.pocketid.webauthn.Ceremony;
import io.pocketid.webauthn.PasskeyCeremonies;
import io.pocketid.webauthn.SoftwareAuthenticator;
import io.pocketid.webauthn.WebauthnSettings;
import java.io.BufferedWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Writes what the load benchmark ({@code benchmarks/load/run.sh}) needs into a SQLite database,
 * straight through the storage (no HTTP): a user, the confidential client {@code bench-client} /
 * {@code bench-secret} (client_secret_basic, redirect URI {@code http://127.0.0.1:13002/cb}, the
 * same as the oidc-provider peer's), and pools of authorization codes, refresh tokens and passkey
 * sign-in ceremonies whose secrets go to a file, one per line.
 *
 * <pre>
 * java -cp benchmarks.jar io.pocketid.benchmarks.load.Seed DB APP_URL base
 * java -cp benchmarks.jar io.pocketid.benchmarks.load.Seed DB APP_URL codes|refresh|passkeys N OUT
 * </pre>
 *
 * Codes and refresh tokens carry {@code openid offline_access}, as the peer's do. A passkey line is
 * the ceremony id (the {@code session} cookie) and the assertion JSON, separated by a tab; the
 * authenticator keeps its counter at 0 so assertions may finish in any order.
 */
public final class Seed {
  static final String USER_ID = "bench-user";
  static final String CLIENT_ID = "bench-client";
  static final String CLIENT_SECRET = "bench-secret";
  static final String REDIRECT_URI = "http://127.0.0.1:13002/cb";
  static final String SCOPE = "openid offline_access";

  private Seed() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: Seed DB APP_URL base | codes|refresh|passkeys N OUT");
      System.exit(2);
    }
    Path db = Path.of(args[0]);
    String appUrl = args[1];
    String kind = args[2];
    try (JdbcStorage storage = JdbcStorage.open(ConnectionStrings.parse("sqlite", db.toString()))) {
      base(storage);
      if (kind.equals("base")) {
        return;
      }
      int n = Integer.parseInt(args[3]);
      Path out = Path.of(args[4]);
      switch (kind) {
        case "codes" -> codes(storage, n, out);
        case "refresh" -> refresh(storage, n, out);
        case "passkeys" -> passkeys(storage, appUrl, n, out);
        default -> throw new IllegalArgumentException("unknown kind " + kind);
      }
    }
  }

  private static void base(JdbcStorage storage) {
    if (storage.users().findById(USER_ID).isEmpty()) {
      storage
          .users()
          .create(
              new User(
                  USER_ID,
                  Instant.now().truncatedTo(ChronoUnit.MILLIS),
                  "bench",
                  "bench@example.com",
                  "Bench",
                  "User",
                  "Bench User",
                  false,
                  null,
                  null,
                  false));
    }
    if (storage.clients().findById(CLIENT_ID).isEmpty()) {
      storage
          .clients()
          .create(
              new OidcClient(
                  CLIENT_ID,
                  Instant.now().truncatedTo(ChronoUnit.MILLIS),
                  "Load benchmark",
                  ClientSecrets.hash(CLIENT_SECRET),
                  List.of(REDIRECT_URI),
                  List.of(),
                  null,
                  null,
                  null,
                  null,
                  false,
                  false,
                  false,
                  null,
                  List.of()));
    }
  }

  private static void codes(JdbcStorage storage, int n, Path out) throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    pool(
        storage,
        n,
        out,
        code ->
            storage
                .authorizationCodes()
                .save(
                    new AuthorizationCode(
                        UUID.randomUUID().toString(),
                        TokenHasher.hash(code),
                        now,
                        now.plus(Duration.ofHours(1)),
                        USER_ID,
                        CLIENT_ID,
                        REDIRECT_URI,
                        SCOPE,
                        null,
                        null,
                        null,
                        null,
                        now)));
  }

  private static void refresh(JdbcStorage storage, int n, Path out) throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    pool(
        storage,
        n,
        out,
        token ->
            storage
                .refreshTokens()
                .save(
                    new RefreshToken(
                        UUID.randomUUID().toString(),
                        TokenHasher.hash(token),
                        UUID.randomUUID().toString(),
                        now,
                        now.plus(Duration.ofDays(30)),
                        USER_ID,
                        CLIENT_ID,
                        SCOPE,
                        false,
                        null,
                        now)));
  }

  /**
   * N random secrets, each stored by {@code save} in one transaction and written to {@code out}.
   */
  private static void pool(JdbcStorage storage, int n, Path out, Consumer<String> save)
      throws Exception {
    RandomTokens random = new RandomTokens();
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      storage.inTransaction(
          () -> {
            for (int i = 0; i < n; i++) {
              String secret = random.urlSafe(32);
              save.accept(secret);
              line(w, secret);
            }
          });
    }
  }

  private static void passkeys(JdbcStorage storage, String appUrl, int n, Path out)
      throws Exception {
    WebauthnSettings defaults = WebauthnSettings.forAppUrl(appUrl, "Pocket ID", List.of());
    WebauthnSettings settings =
        new WebauthnSettings(
            defaults.rpId(), defaults.rpName(), defaults.origins(), Duration.ofHours(1));
    PasskeyCeremonies ceremonies =
        new PasskeyCeremonies(
            settings,
            storage.users(),
            storage.passkeys(),
            storage.webauthnChallenges(),
            Clock.systemUTC());
    SoftwareAuthenticator authenticator = new SoftwareAuthenticator(appUrl, settings.rpId());
    Field increment = SoftwareAuthenticator.class.getDeclaredField("incrementCounter");
    increment.setAccessible(true);
    increment.setBoolean(authenticator, false);
    authenticator.setCounter(0);
    User user = storage.users().findById(USER_ID).orElseThrow();
    Ceremony registration = ceremonies.startRegistration(user);
    ceremonies.finishRegistration(
        registration.id(), user, authenticator.register(registration.optionsJson()));
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      storage.inTransaction(
          () -> {
            for (int i = 0; i < n; i++) {
              Ceremony ceremony = ceremonies.startLogin();
              String response;
              try {
                response = authenticator.authenticate(ceremony.optionsJson());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
              line(w, ceremony.id() + "\t" + response.replace("\n", ""));
            }
          });
    }
  }

  private static void line(BufferedWriter w, String value) {
    try {
      w.write(value);
      w.newLine();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

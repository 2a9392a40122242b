package io.pocketid.server.cli;

import io.pocketid.core.auth.LoginCodeService;
import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.store.Storage;
import io.pocketid.core.store.StorageException;
import io.pocketid.server.config.ConfigException;
import io.pocketid.server.config.EnvironmentConfig;
import io.pocketid.server.config.ServerSettings;
import io.pocketid.storage.jdbc.JdbcStorage;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code pocket-id one-time-access-token <username|email>}: prints a sign-in link valid for one
 * hour ({@code APP_URL/lc/<code>}), for an admin who lost their passkeys. Works against the
 * configured database while the server runs.
 */
@Command(
    name = "one-time-access-token",
    description = "Print a one-hour sign-in link for a user (by username or email).")
public final class LoginCodeCommand implements Callable<Integer> {
  static final Duration LIFETIME = Duration.ofHours(1);

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  @Parameters(index = "0", paramLabel = "<username|email>", description = "Whom the link signs in.")
  String who;

  public LoginCodeCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    ServerSettings settings;
    try {
      settings = EnvironmentConfig.load(env);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 1;
    }
    try (Storage storage = JdbcStorage.open(settings.database().jdbc())) {
      Optional<User> user =
          storage.users().findByUsername(who).or(() -> storage.users().findByEmail(who));
      if (user.isEmpty()) {
        err.println("No user with username or email '" + who + "'");
        return 1;
      }
      if (user.get().disabled()) {
        err.println("User '" + user.get().username() + "' is disabled");
        return 1;
      }
      String code =
          new LoginCodeService(storage, Clock.systemUTC(), new RandomTokens())
              .create(user.get().id(), LIFETIME);
      out.println(settings.http().appUrl() + "/lc/" + code);
      return 0;
    } catch (StorageException e) {
      err.println("Cannot open the database: " + e.getMessage());
      return 1;
    }
  }
}

package io.pocketid.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.auth.LoginCodeService;
import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.store.Storage;
import io.pocketid.server.Main;
import io.pocketid.storage.jdbc.ConnectionStrings;
import io.pocketid.storage.jdbc.JdbcStorage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pocket-id one-time-access-token <username|email>} against a real SQLite database. */
class LoginCodeCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private Map<String, String> env() {
    return Map.of(
        "DB_CONNECTION_STRING",
        dir.resolve("pocket-id.db").toString(),
        "APP_URL",
        "https://id.example.com");
  }

  private Storage storage() {
    return JdbcStorage.open(
        ConnectionStrings.parse("sqlite", dir.resolve("pocket-id.db").toString()));
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return Main.run(
        args,
        env(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void oneTimeAccessTokenWhenUserExistsThenPrintsAWorkingOneHourLink() {
    try (Storage storage = storage()) {
      storage
          .users()
          .create(
              new User(
                  "u-1",
                  Instant.now(),
                  "ada",
                  "ada@example.com",
                  "Ada",
                  null,
                  "Ada",
                  true,
                  null,
                  null,
                  false));
    }
    assertThat(run("one-time-access-token", "ADA")).isZero();
    String link = out.toString(StandardCharsets.UTF_8).trim();
    assertThat(link).matches("https://id\\.example\\.com/lc/[A-Za-z0-9]{16}");
    assertThat(run("one-time-access-token", "ada@example.com")).isZero();
    try (Storage storage = storage()) {
      User user =
          new LoginCodeService(storage, Clock.systemUTC(), new RandomTokens())
              .exchange(link.substring(link.lastIndexOf('/') + 1));
      assertThat(user.id()).isEqualTo("u-1");
    }
  }

  @Test
  void oneTimeAccessTokenWhenEmailGivenInOtherCaseThenFindsTheUser() {
    try (Storage storage = storage()) {
      storage
          .users()
          .create(
              new User(
                  "u-2",
                  Instant.now(),
                  "grace",
                  "Grace.Hopper@Example.com",
                  "Grace",
                  null,
                  "Grace",
                  true,
                  null,
                  null,
                  false));
    }
    assertThat(run("one-time-access-token", "grace.hopper@EXAMPLE.com"))
        .as(err.toString(StandardCharsets.UTF_8))
        .isZero();
    String link = out.toString(StandardCharsets.UTF_8).trim();
    try (Storage storage = storage()) {
      User user =
          new LoginCodeService(storage, Clock.systemUTC(), new RandomTokens())
              .exchange(link.substring(link.lastIndexOf('/') + 1));
      assertThat(user.id()).isEqualTo("u-2");
    }
  }

  @Test
  void oneTimeAccessTokenWhenUserUnknownThenExitsNonZeroWithMessage() {
    try (Storage storage = storage()) {
      assertThat(storage.users().count()).isZero();
    }
    assertThat(run("one-time-access-token", "nobody")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("No user with username or email 'nobody'");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}

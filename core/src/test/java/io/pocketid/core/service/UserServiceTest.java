package io.pocketid.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.auth.LoginCodeService;
import io.pocketid.core.config.AppConfigService;
import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.service.UserService.AccountUpdate;
import io.pocketid.core.store.contract.Fixtures;
import io.pocketid.core.store.memory.InMemoryStorage;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserServiceTest {
  private final InMemoryStorage storage = new InMemoryStorage();
  private final UserService service =
      new UserService(
          storage.users(),
          storage.groups(),
          storage.customClaims(),
          new LoginCodeService(storage, Clock.systemUTC(), new RandomTokens()),
          new AppConfigService(false, Map.of(), storage.appConfig(), Clock.systemUTC()));

  private User stored(String username, String email) {
    User user = Fixtures.user(username).email(email).build();
    storage.users().create(user);
    return user;
  }

  private static AccountUpdate update(String username, String email) {
    return new AccountUpdate(username, email, "Bob", "Builder", "Bob Builder", "en");
  }

  @Test
  void updateOwnAccountWhenEmailTakenInOtherCaseThenAlreadyInUseAndNothingChanged() {
    stored("admin", "admin@example.test");
    User bob = stored("bob", "bob@example.test");

    assertThatThrownBy(
            () -> service.updateOwnAccount(bob, update("bob", "ADMIN@example.test"), true, false))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.error()).isEqualTo(ServiceError.ALREADY_IN_USE))
        .hasMessage("Email is already in use");
    assertThat(storage.users().findById(bob.id())).contains(bob);
  }

  @Test
  void updateOwnAccountWhenOnlyTheCaseOfTheOwnEmailChangesThenKeptAsTyped() {
    User bob = stored("bob", "bob@example.test");

    User updated = service.updateOwnAccount(bob, update("bob", "Bob@Example.test"), true, false);

    assertThat(updated.email()).isEqualTo("Bob@Example.test");
    assertThat(storage.users().findByEmail("bob@example.test")).contains(updated);
  }

  private void assertInvalidAndUnchanged(User bob, AccountUpdate update, String message) {
    assertThatThrownBy(() -> service.updateOwnAccount(bob, update, true, false))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.error()).isEqualTo(ServiceError.INVALID_INPUT))
        .hasMessage(message);
    assertThat(storage.users().findById(bob.id())).contains(bob);
  }

  private static AccountUpdate names(String username, String first, String last, String display) {
    return new AccountUpdate(username, "bob@example.test", first, last, display, "en");
  }

  @Test
  void updateOwnAccountWhenNamesContainControlOrInvisibleCharactersThenInvalidNamingThem() {
    User bob = stored("bob", "bob@example.test");

    assertInvalidAndUnchanged(
        bob,
        names("bob", "Bob\u0000", "Buil\r\nder", "Bob"),
        "FirstName must not contain control or invisible characters, LastName must not contain"
            + " control or invisible characters");
    assertInvalidAndUnchanged(
        bob,
        names("bob", "Bob", "Builder", "Bob \u202Eredliub"),
        "DisplayName must not contain control or invisible characters");
    assertInvalidAndUnchanged(
        bob,
        names("bob", "Bob", "Builder", "Bob\u200B"),
        "DisplayName must not contain control" + " or invisible characters");
    assertInvalidAndUnchanged(bob, names("b\u202Eob", "Bob", "B", "Bob"), "Username is invalid");
    assertInvalidAndUnchanged(bob, names("bob\n", "Bob", "B", "Bob"), "Username is invalid");
  }

  @Test
  void updateOwnAccountWhenDisplayNameBlankOrTooLongThenPocketIdMessages() {
    User bob = stored("bob", "bob@example.test");

    assertInvalidAndUnchanged(bob, names("bob", "Bob", "B", " "), "DisplayName is required");
    assertInvalidAndUnchanged(
        bob,
        names("bob", "Bob", "B", "x".repeat(101)),
        "DisplayName must be at most 100 characters long");
    assertThat(
            service
                .updateOwnAccount(bob, names("bob", "Bob", "B", " Bob B "), true, false)
                .displayName())
        .isEqualTo("Bob B");
  }
}

package io.pocketid.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.User;
import io.pocketid.core.service.AccountService.AccountUpdate;
import io.pocketid.core.store.contract.Fixtures;
import io.pocketid.core.store.memory.InMemoryStorage;
import org.junit.jupiter.api.Test;

class AccountServiceTest {
  private final InMemoryStorage storage = new InMemoryStorage();
  private final AccountService service = new AccountService(storage);

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
}

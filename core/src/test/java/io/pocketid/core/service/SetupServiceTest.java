package io.pocketid.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.User;
import io.pocketid.core.store.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SetupServiceTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00.123456Z");
  private final InMemoryStorage storage = new InMemoryStorage();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicBoolean requireEmail = new AtomicBoolean(true);
  private final SetupService service =
      new SetupService(
          storage,
          Clock.fixed(NOW, ZoneOffset.UTC),
          () -> "00000000-0000-4000-8000-00000000000" + ids.incrementAndGet(),
          requireEmail::get);

  private static SetupRequest request(String username, String email, String first, String last) {
    return new SetupRequest(username, email, first, last);
  }

  @Test
  void createInitialAdminWhenNoUserThenStoresAdmin() {
    User admin =
        service.createInitialAdmin(request("ada.l@x", "ada@example.com", "Ada", "Lovelace"));

    assertThat(admin.admin()).isTrue();
    assertThat(admin.displayName()).isEqualTo("Ada Lovelace");
    assertThat(admin.createdAt()).isEqualTo(Instant.parse("2026-11-26T12:00:00.123Z"));
    assertThat(storage.users().findById(admin.id())).contains(admin);
    assertThat(storage.keyValues().get(SetupService.INITIAL_ADMIN_KEY)).contains(admin.id());
    assertThat(service.isSetupPending()).isFalse();
  }

  @Test
  void createInitialAdminWhenUserExistsThenSetupAlreadyCompleted() {
    service.createInitialAdmin(request("admin", "a@example.com", "Ada", ""));

    assertThatThrownBy(
            () -> service.createInitialAdmin(request("other", "o@example.com", "Otto", "")))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.error()).isEqualTo(ServiceError.SETUP_ALREADY_COMPLETED))
        .hasMessage("Setup already completed");
    assertThat(storage.users().count()).isEqualTo(1);
  }

  @Test
  void createInitialAdminWhenAnotherSetupClaimedFirstThenSetupAlreadyCompleted() {
    storage.keyValues().put(SetupService.INITIAL_ADMIN_KEY, "someone-else");

    assertThatThrownBy(() -> service.createInitialAdmin(request("admin", "a@x.io", "Ada", "")))
        .hasMessage("Setup already completed");
    assertThat(storage.users().count()).isZero();
  }

  @Test
  void createInitialAdminWhenEmailMissingAndRequiredThenInvalid() {
    assertThatThrownBy(() -> service.createInitialAdmin(request("admin", null, "Ada", null)))
        .hasMessage("The user does not have an email address set");
  }

  @Test
  void createInitialAdminWhenEmailMissingAndNotRequiredThenCreated() {
    requireEmail.set(false);

    User admin = service.createInitialAdmin(request("admin", "", "Ada", null));

    assertThat(admin.email()).isNull();
    assertThat(admin.lastName()).isEmpty();
  }

  @Test
  void createInitialAdminWhenUsernameBreaksRulesThenInvalid() {
    for (String bad : new String[] {"a", "-ab", "ab-", "a b", "x".repeat(51)}) {
      assertThatThrownBy(() -> service.createInitialAdmin(request(bad, "a@x.io", "Ada", "")))
          .isInstanceOfSatisfying(
              ServiceException.class,
              e -> assertThat(e.error()).isEqualTo(ServiceError.INVALID_INPUT));
    }
    assertThat(storage.users().count()).isZero();
  }

  @Test
  void createInitialAdminWhenNamesTooLongThenMessagesInPocketIdWording() {
    assertThatThrownBy(
            () ->
                service.createInitialAdmin(request("ab", "a@x.io", "f".repeat(51), "l".repeat(51))))
        .hasMessage(
            "FirstName must be at most 50 characters long,"
                + " LastName must be at most 50 characters long");
  }

  @Test
  void createInitialAdminWhenNothingGivenThenRequiredFieldsListed() {
    assertThatThrownBy(() -> service.createInitialAdmin(request(null, null, null, null)))
        .hasMessage("Username is required, FirstName is required");
  }

  @Test
  void createInitialAdminWhenNameHasBidiOverrideThenInvalidAndNoUser() {
    assertThatThrownBy(
            () ->
                service.createInitialAdmin(
                    request("admin", "a@example.com", "Ada\u202E", "Love\u0000lace")))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.error()).isEqualTo(ServiceError.INVALID_INPUT))
        .hasMessage(
            "FirstName must not contain control or invisible characters, LastName must not"
                + " contain control or invisible characters");
    assertThat(storage.users().count()).isZero();
    assertThat(service.isSetupPending()).isTrue();
  }
}

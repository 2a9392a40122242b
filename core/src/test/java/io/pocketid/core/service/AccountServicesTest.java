package io.pocketid.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.audit.AuditEvents;
import io.pocketid.core.audit.AuditService;
import io.pocketid.core.audit.GeoLocator;
import io.pocketid.core.audit.RequestOrigin;
import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.model.Passkey;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.contract.Fixtures;
import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The services around a user's own things: passkeys, API keys; and groups. */
class AccountServicesTest {
  private static final RequestOrigin ORIGIN = new RequestOrigin("192.0.2.9", "agent");

  private final TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final InMemoryStorage storage = new InMemoryStorage();
  private final User alice = Fixtures.user("alice").build();
  private final User bob = Fixtures.user("bob").build();

  AccountServicesTest() {
    storage.users().create(alice);
    storage.users().create(bob);
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private ServiceError errorOf(Runnable call) {
    try {
      call.run();
    } catch (ServiceException e) {
      return e.error();
    }
    throw new AssertionError("no ServiceException");
  }

  @Nested
  class Passkeys {
    private final Passkey phone = Fixtures.passkey("Phone", alice).build();
    private final PasskeyService service =
        new PasskeyService(
            storage.passkeys(),
            new PasskeyVerifier() {
              @Override
              public Verified verifyAssertion(String ceremonyId, String responseJson) {
                throw new UnsupportedOperationException();
              }

              @Override
              public Passkey register(String ceremonyId, User user, String responseJson) {
                storage.passkeys().create(phone);
                return phone;
              }
            },
            new AuditService(storage.auditLog(), clock, GeoLocator.NONE));

    private List<String> events() {
      return storage.auditLog().list(alice.id(), PageRequest.of(1, 50)).items().stream()
          .map(AuditEvent::event)
          .toList();
    }

    @Test
    void addRenameRemoveAreAuditedWithThePasskeyName() {
      service.add(alice, "c", "{}", ORIGIN);
      Passkey renamed = service.rename(alice.id(), phone.id(), "  Laptop ", ORIGIN);
      service.remove(alice.id(), phone.id(), ORIGIN);

      assertThat(renamed.name()).isEqualTo("Laptop");
      assertThat(service.list(alice.id())).isEmpty();
      assertThat(events())
          .containsExactlyInAnyOrder(
              AuditEvents.PASSKEY_ADDED, AuditEvents.PASSKEY_RENAMED, AuditEvents.PASSKEY_REMOVED);
    }

    @Test
    void anotherUsersPasskeyCannotBeRenamedOrRemoved() {
      service.add(alice, "c", "{}", ORIGIN);

      assertThat(errorOf(() -> service.rename(bob.id(), phone.id(), "Mine", ORIGIN)))
          .isEqualTo(ServiceError.NOT_FOUND);
      service.remove(bob.id(), phone.id(), ORIGIN);

      assertThat(service.list(alice.id())).extracting(Passkey::name).containsExactly("Phone");
    }

    @Test
    void renameRefusesABadNameAndKeepsTheOldOne() {
      service.add(alice, "c", "{}", ORIGIN);

      assertThatThrownBy(() -> service.rename(alice.id(), phone.id(), "a\u0000b", ORIGIN))
          .isInstanceOf(ServiceException.class)
          .hasMessageContaining("Name");
      assertThat(errorOf(() -> service.rename(alice.id(), phone.id(), "x".repeat(51), ORIGIN)))
          .isEqualTo(ServiceError.INVALID_INPUT);
      assertThat(service.list(alice.id())).extracting(Passkey::name).containsExactly("Phone");
    }
  }

  @Nested
  class ApiKeys {
    private final ApiKeyService service =
        new ApiKeyService(storage.apiKeys(), clock, new RandomTokens());

    @Test
    void createStoresOnlyTheHashAndTheOwnerCanRevoke() {
      ApiKeyService.NewApiKey created =
          service.create(alice, "deploy", null, clock.instant().plus(Duration.ofDays(30)));

      assertThat(created.key().keyHash()).isEqualTo(TokenHasher.hash(created.token()));
      assertThat(created.key().keyHash()).isNotEqualTo(created.token());
      assertThat(service.list(alice.id(), PageRequest.of(1, 10)).items()).hasSize(1);
      assertThat(errorOf(() -> service.revoke(bob.id(), created.key().id())))
          .isEqualTo(ServiceError.NOT_FOUND);
      service.revoke(alice.id(), created.key().id());
      assertThat(service.list(alice.id(), PageRequest.of(1, 10)).items()).isEmpty();
    }

    @Test
    void createRefusesShortNamesAndPastExpiry() {
      Instant future = clock.instant().plus(Duration.ofDays(1));

      assertThatThrownBy(() -> service.create(alice, "ab", null, future))
          .hasMessage("Name must be at least 3 characters long");
      assertThatThrownBy(() -> service.create(alice, "deploy", null, clock.instant()))
          .hasMessage("ExpiresAt must be a time in the future");
      assertThat(service.list(alice.id(), PageRequest.of(1, 10)).items()).isEmpty();
    }
  }

  @Nested
  class Groups {
    private final GroupService service =
        new GroupService(storage.groups(), storage.users(), storage.customClaims(), clock);

    @Test
    void createRenameMembersAndDelete() {
      UserGroup group = service.create("Developers", "developers");
      UserGroup renamed = service.rename(group.id(), "Devs", "devs");
      service.setMembers(group.id(), List.of(alice.id()));

      assertThat(service.get(group.id())).isEqualTo(renamed);
      assertThat(service.groupsOf(alice.id())).extracting(UserGroup::name).containsExactly("devs");
      service.delete(group.id());
      assertThat(errorOf(() -> service.get(group.id()))).isEqualTo(ServiceError.NOT_FOUND);
      assertThat(errorOf(() -> service.delete(group.id()))).isEqualTo(ServiceError.NOT_FOUND);
    }

    @Test
    void aTakenNameOrABadNameIsRefusedAndNothingChanges() {
      service.create("Developers", "developers");

      assertThat(errorOf(() -> service.create("Other", "developers")))
          .isEqualTo(ServiceError.ALREADY_IN_USE);
      assertThat(errorOf(() -> service.create("Other", "x"))).isEqualTo(ServiceError.INVALID_INPUT);
      assertThat(errorOf(() -> service.create("", "valid"))).isEqualTo(ServiceError.INVALID_INPUT);
      assertThat(service.list(PageRequest.of(1, 10)).items()).hasSize(1);
    }

    @Test
    void membersOfAnUnknownGroupAreRefused() {
      assertThat(errorOf(() -> service.setMembers("no-such-group", List.of(alice.id()))))
          .isEqualTo(ServiceError.NOT_FOUND);
    }
  }
}

package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.User;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import io.pocketid.core.store.UserStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

abstract class UserContract extends ContractSupport {
  private UserStore users() {
    return storage().users();
  }

  @Test
  void createThenFindByIdReturnsEqualUser() {
    User alice = user("alice").admin(true).ldapId("ldap-1").locale("de-CH").disabled(true).build();
    users().create(alice);
    assertThat(users().findById(alice.id())).contains(alice);
  }

  @Test
  void createWhenNullableFieldsAreNullThenTheyRoundTripAsNull() {
    User bare = user("bare").email(null).firstName(null).lastName(null).displayName("").build();
    users().create(bare);
    User found = users().findById(bare.id()).orElseThrow();
    assertThat(found.email()).isNull();
    assertThat(found.firstName()).isNull();
    assertThat(found.lastName()).isNull();
    assertThat(found.ldapId()).isNull();
    assertThat(found.locale()).isNull();
    assertThat(found.displayName()).isEmpty();
  }

  @Test
  void createThenCreatedAtRoundTripsAtMillisecondPrecision() {
    Instant createdAt = Instant.parse("2026-03-04T05:06:07.891Z");
    User u = user("timed").createdAt(createdAt).build();
    users().create(u);
    assertThat(users().findById(u.id()).orElseThrow().createdAt().truncatedTo(ChronoUnit.MILLIS))
        .isEqualTo(createdAt);
  }

  @Test
  void findByIdWhenUnknownThenEmpty() {
    assertThat(users().findById(Fixtures.id("nobody"))).isEmpty();
  }

  @Test
  void findByUsernameIgnoresCase() {
    User alice = createUser("alice");
    assertThat(users().findByUsername("ALICE")).contains(alice);
    assertThat(users().findByUsername("Alice")).contains(alice);
    assertThat(users().findByUsername("alicia")).isEmpty();
  }

  @Test
  void findByEmailIgnoresCase() {
    User alice = createUser("alice");
    assertThat(users().findByEmail("alice@example.com")).contains(alice);
    assertThat(users().findByEmail("ALICE@Example.COM")).contains(alice);
    assertThat(users().findByEmail("alice@example")).isEmpty();
  }

  @Test
  void findByEmailWhenStoredInMixedCaseThenFoundInAnyCaseAndKeptAsTyped() {
    User alice = user("alice").email("Alice.Liddell@Example.com").build();
    users().create(alice);
    assertThat(users().findByEmail("alice.liddell@example.com")).contains(alice);
    assertThat(users().findById(alice.id()).orElseThrow().email())
        .isEqualTo("Alice.Liddell@Example.com");
  }

  @Test
  void createWhenEmailDiffersOnlyInCaseThenDuplicateKeyEmailAndNothingStored() {
    createUser("alice");
    User bob = user("bob").email("ALICE@example.com").build();
    assertThatThrownBy(() -> users().create(bob))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("email"));
    assertThat(users().findByUsername("bob")).isEmpty();
    assertThat(users().count()).isEqualTo(1);
  }

  @Test
  void updateWhenEmailTakenByAnotherUserInOtherCaseThenDuplicateKeyAndNothingChanges() {
    createUser("alice");
    User bob = createUser("bob");
    assertThatThrownBy(() -> users().update(bob.withEmail("Alice@Example.com")))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("email"));
    assertThat(users().findById(bob.id())).contains(bob);
  }

  @Test
  void updateWhenOnlyTheCaseOfTheOwnEmailChangesThenSucceeds() {
    User alice = createUser("alice");
    User changed = alice.withEmail("ALICE@example.com");
    users().update(changed);
    assertThat(users().findByEmail("alice@example.com")).contains(changed);
  }

  @Test
  void createWhenUsernameDiffersOnlyInCaseThenDuplicateKey() {
    createUser("alice");
    User other = user("ALICE").email("other@example.com").build();
    assertThatThrownBy(() -> users().create(other))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("username"));
    assertThat(users().findById(other.id())).isEmpty();
    assertThat(users().count()).isEqualTo(1);
  }

  @Test
  void createWhenEmailTakenThenDuplicateKeyEmail() {
    createUser("alice");
    User bob = user("bob").email("alice@example.com").build();
    assertThatThrownBy(() -> users().create(bob))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("email"));
    assertThat(users().findByUsername("bob")).isEmpty();
  }

  @Test
  void createWhenIdTakenThenDuplicateKeyId() {
    User alice = createUser("alice");
    User bob = user("bob").id(alice.id()).build();
    assertThatThrownBy(() -> users().create(bob))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("id"));
    assertThat(users().findById(alice.id())).contains(alice);
  }

  @Test
  void createWhenSeveralUsersHaveNoEmailThenAllAreStored() {
    users().create(user("a").email(null).build());
    users().create(user("b").email(null).build());
    assertThat(users().count()).isEqualTo(2);
  }

  @Test
  void updateReplacesTheStoredUser() {
    User alice = createUser("alice");
    User changed =
        alice
            .withNames("alice2", "Alicia", null, "Alicia L.")
            .withEmail(null)
            .withAdmin(true)
            .withLocale("fr");
    users().update(changed);
    assertThat(users().findById(alice.id())).contains(changed);
    assertThat(users().findByUsername("alice")).isEmpty();
    assertThat(users().findByEmail("alice@example.com")).isEmpty();
  }

  @Test
  void updateWhenOnlyTheCaseOfTheOwnUsernameChangesThenSucceeds() {
    User alice = createUser("alice");
    User renamed = alice.withNames("Alice", "A", "L", "AL");
    users().update(renamed);
    assertThat(users().findByUsername("alice")).contains(renamed);
  }

  @Test
  void updateWhenUserMissingThenNotFound() {
    assertThatThrownBy(() -> users().update(user("ghost").build()))
        .isInstanceOf(NotFoundException.class);
    assertThat(users().count()).isZero();
  }

  @Test
  void updateWhenUsernameTakenByAnotherUserInOtherCaseThenDuplicateKeyAndNothingChanges() {
    createUser("alice");
    User bob = createUser("bob");
    assertThatThrownBy(() -> users().update(bob.withNames("ALICE", null, null, "")))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("username"));
    assertThat(users().findById(bob.id())).contains(bob);
  }

  @Test
  void updateWhenEmailTakenByAnotherUserThenDuplicateKeyEmail() {
    createUser("alice");
    User bob = createUser("bob");
    assertThatThrownBy(() -> users().update(bob.withEmail("alice@example.com")))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("email"));
    assertThat(users().findById(bob.id())).contains(bob);
  }

  @Test
  void countCountsUsers() {
    assertThat(users().count()).isZero();
    createUser("a");
    createUser("b");
    assertThat(users().count()).isEqualTo(2);
  }

  @Test
  void deleteReturnsWhetherAUserWasDeleted() {
    User alice = createUser("alice");
    assertThat(users().delete(alice.id())).isTrue();
    assertThat(users().findById(alice.id())).isEmpty();
    assertThat(users().findByUsername("alice")).isEmpty();
    assertThat(users().delete(alice.id())).isFalse();
  }

  @Test
  void deleteThenUsernameAndEmailCanBeReused() {
    User alice = createUser("alice");
    users().delete(alice.id());
    User again = user("Alice").id(Fixtures.id("again")).email("alice@example.com").build();
    users().create(again);
    assertThat(users().findByEmail("alice@example.com")).contains(again);
  }

  @Test
  void findByIdWhenIdIsNullThenNullPointerException() {
    assertThatThrownBy(() -> users().findById(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void listPaginatesWithTotals() {
    for (String name : new String[] {"u1", "u2", "u3", "u4", "u5"}) {
      createUser(name);
    }
    Page<User> first = users().list(PageRequest.of(1, 2));
    assertThat(first.totalItems()).isEqualTo(5);
    assertThat(first.totalPages()).isEqualTo(3);
    assertThat(first.currentPage()).isEqualTo(1);
    assertThat(first.itemsPerPage()).isEqualTo(2);
    assertThat(map(first.items(), User::username)).containsExactly("u1", "u2");
    assertThat(map(users().list(PageRequest.of(3, 2)).items(), User::username))
        .containsExactly("u5");
    Page<User> beyond = users().list(PageRequest.of(4, 2));
    assertThat(beyond.items()).isEmpty();
    assertThat(beyond.totalItems()).isEqualTo(5);
  }

  @Test
  void listWhenEmptyThenOnePageWithNoItems() {
    Page<User> page = users().list(PageRequest.of(1, 10));
    assertThat(page.items()).isEmpty();
    assertThat(page.totalItems()).isZero();
    assertThat(page.totalPages()).isEqualTo(1);
  }

  @Test
  void listDefaultOrderIsUsername() {
    createUser("carol");
    createUser("alice");
    createUser("bob");
    assertThat(map(users().list(PageRequest.of(1, 10)).items(), User::username))
        .containsExactly("alice", "bob", "carol");
  }

  @ParameterizedTest
  @ValueSource(strings = {"username", "email", "firstName", "lastName", "displayName", "createdAt"})
  void listSortsByEveryDocumentedColumnBothWays(String column) {
    // every field of "a" sorts before the same field of "b", and "b" before "c"
    for (int i = 0; i < 3; i++) {
      String n = String.valueOf((char) ('c' - i));
      users()
          .create(
              user("user-" + n)
                  .email(n + "@example.com")
                  .firstName("first-" + n)
                  .lastName("last-" + n)
                  .displayName("display-" + n)
                  .createdAt(Fixtures.at('c' - i))
                  .build());
    }
    PageRequest request = PageRequest.of(1, 10);
    assertThat(map(users().list(request.withSort(Sort.asc(column))).items(), User::username))
        .containsExactly("user-a", "user-b", "user-c");
    assertThat(map(users().list(request.withSort(Sort.desc(column))).items(), User::username))
        .containsExactly("user-c", "user-b", "user-a");
  }

  @Test
  void listWhenSortColumnUnknownThenIllegalArgumentNamingIt() {
    assertThatThrownBy(() -> users().list(PageRequest.of(1, 10).withSort(Sort.asc("password"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("password");
  }

  @Test
  void listSearchMatchesEveryDocumentedFieldIgnoringCase() {
    users().create(user("zed-username").build());
    users().create(user("u2").email("zed-mail@example.com").build());
    users().create(user("u3").firstName("Zed-First").build());
    users().create(user("u4").lastName("ZED-LAST").build());
    users().create(user("u5").displayName("the zed-display").build());
    users().create(user("other").build());
    PageRequest request = PageRequest.of(1, 10);
    assertThat(map(users().list(request.withSearch("ZED-USER")).items(), User::username))
        .containsExactly("zed-username");
    assertThat(map(users().list(request.withSearch("Zed-Mail")).items(), User::username))
        .containsExactly("u2");
    assertThat(map(users().list(request.withSearch("zed-first")).items(), User::username))
        .containsExactly("u3");
    assertThat(map(users().list(request.withSearch("zed-last")).items(), User::username))
        .containsExactly("u4");
    assertThat(map(users().list(request.withSearch("ZED-DISPLAY")).items(), User::username))
        .containsExactly("u5");
    Page<User> all = users().list(PageRequest.of(1, 2).withSearch("zed"));
    assertThat(all.totalItems()).isEqualTo(5);
    assertThat(all.items()).hasSize(2);
  }

  @Test
  void listFiltersByRoleAndStatusTogetherWithSearchAndCountsOnlyMatches() {
    users().create(user("admin-on").admin(true).build());
    users().create(user("admin-off").admin(true).disabled(true).build());
    users().create(user("user-on").build());
    users().create(user("user-off").disabled(true).build());
    PageRequest request = PageRequest.of(1, 10);
    assertThat(map(users().list(request, new UserStore.Filter(true, null)).items(), User::username))
        .containsExactly("admin-off", "admin-on");
    assertThat(map(users().list(request, new UserStore.Filter(null, true)).items(), User::username))
        .containsExactly("admin-off", "user-off");
    Page<User> enabledUsers = users().list(request, new UserStore.Filter(false, false));
    assertThat(map(enabledUsers.items(), User::username)).containsExactly("user-on");
    assertThat(enabledUsers.totalItems()).isEqualTo(1);
    // The search's alternatives stay grouped: a match on any field, and the filter on top.
    Page<User> searched =
        users().list(request.withSearch("admin"), new UserStore.Filter(null, false));
    assertThat(map(searched.items(), User::username)).containsExactly("admin-on");
    assertThat(users().list(request, UserStore.Filter.NONE).totalItems()).isEqualTo(4);
  }

  @Test
  void listSearchTreatsWildcardCharactersLiterally() {
    users().create(user("a_b").build());
    users().create(user("axb").build());
    users().create(user("c%d").build());
    users().create(user("cxxd").build());
    PageRequest request = PageRequest.of(1, 10);
    assertThat(map(users().list(request.withSearch("a_b")).items(), User::username))
        .containsExactly("a_b");
    assertThat(map(users().list(request.withSearch("c%d")).items(), User::username))
        .containsExactly("c%d");
  }

  @Test
  void countEnabledAdminsCountsAdminsWhoAreNotDisabled() {
    assertThat(users().countEnabledAdmins()).isZero();
    users().create(Fixtures.user("root").admin(true).build());
    users().create(Fixtures.user("off").admin(true).disabled(true).build());
    createUser("plain");
    assertThat(users().countEnabledAdmins()).isEqualTo(1);
  }
}

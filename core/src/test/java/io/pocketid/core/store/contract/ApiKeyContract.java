package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.T0;
import static io.pocketid.core.store.contract.Fixtures.apiKey;
import static io.pocketid.core.store.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.ApiKey;
import io.pocketid.core.model.User;
import io.pocketid.core.store.ApiKeyStore;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

abstract class ApiKeyContract extends ContractSupport {
  private User alice;
  private User bob;

  private ApiKeyStore keys() {
    return storage().apiKeys();
  }

  @BeforeEach
  void createUsers() {
    alice = createUser("alice");
    bob = createUser("bob");
  }

  @Test
  void saveThenFindByHashReturnsTheKeyWithEveryField() {
    ApiKey key =
        new ApiKey(
            Fixtures.id("k"),
            "ci",
            Fixtures.hash("k"),
            "for CI",
            at(1),
            at(86400),
            at(2),
            alice.id(),
            true);
    keys().save(key);
    assertThat(keys().findByHash(Fixtures.hash("k"))).contains(key);
    assertThat(keys().findByHash(Fixtures.hash("other"))).isEmpty();
  }

  @Test
  void saveWhenNullableFieldsAreNullThenTheyRoundTripAsNull() {
    ApiKey key = apiKey("ci", alice.id(), at(86400));
    keys().save(key);
    ApiKey found = keys().findByHash(key.keyHash()).orElseThrow();
    assertThat(found.description()).isNull();
    assertThat(found.lastUsedAt()).isNull();
    assertThat(found).isEqualTo(key);
  }

  @Test
  void saveWhenKeyHashTakenThenDuplicateKeyKeyHash() {
    ApiKey key = apiKey("ci", alice.id(), at(86400));
    keys().save(key);
    ApiKey clash =
        new ApiKey(
            Fixtures.id("x"), "other", key.keyHash(), null, T0, at(60), null, bob.id(), false);
    assertThatThrownBy(() -> keys().save(clash))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("keyHash"));
    assertThat(keys().findByHash(key.keyHash())).contains(key);
  }

  @Test
  void touchRecordsTheLastUseAndIgnoresUnknownIds() {
    ApiKey key = apiKey("ci", alice.id(), at(86400));
    keys().save(key);
    keys().touch(key.id(), at(42));
    assertThat(keys().findByHash(key.keyHash()).orElseThrow().lastUsedAt()).isEqualTo(at(42));
    keys().touch(Fixtures.id("ghost"), at(42));
  }

  @Test
  void listForUserListsOnlyTheirKeysWithTotals() {
    for (int i = 1; i <= 3; i++) {
      keys().save(apiKey("a" + i, alice.id(), at(86400)));
    }
    keys().save(apiKey("b1", bob.id(), at(86400)));
    PageRequest request = new PageRequest(1, 2, Sort.asc("name"), null);
    Page<ApiKey> page = keys().listForUser(alice.id(), request);
    assertThat(page.totalItems()).isEqualTo(3);
    assertThat(page.totalPages()).isEqualTo(2);
    assertThat(map(page.items(), ApiKey::name)).containsExactly("a1", "a2");
    assertThat(keys().listForUser(alice.id(), new PageRequest(3, 2, null, null)).items()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"name", "createdAt", "expiresAt", "lastUsedAt"})
  void listForUserSortsByEveryDocumentedColumnBothWays(String column) {
    for (int i : new int[] {2, 3, 1}) {
      keys()
          .save(
              new ApiKey(
                  Fixtures.id("k" + i),
                  "key-" + i,
                  Fixtures.hash("k" + i),
                  null,
                  at(i),
                  at(1000 + i),
                  at(100 + i),
                  alice.id(),
                  false));
    }
    PageRequest request = PageRequest.of(1, 10);
    assertThat(
            map(
                keys().listForUser(alice.id(), request.withSort(Sort.asc(column))).items(),
                ApiKey::name))
        .containsExactly("key-1", "key-2", "key-3");
    assertThat(
            map(
                keys().listForUser(alice.id(), request.withSort(Sort.desc(column))).items(),
                ApiKey::name))
        .containsExactly("key-3", "key-2", "key-1");
  }

  @Test
  void listForUserWhenSortColumnUnknownThenIllegalArgumentNamingIt() {
    PageRequest request = PageRequest.of(1, 10).withSort(Sort.asc("keyHash"));
    assertThatThrownBy(() -> keys().listForUser(alice.id(), request))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyHash");
  }

  @Test
  void expiringWithoutReminderReturnsKeysExpiringInTheHalfOpenWindowOrderedByExpiry() {
    keys().save(apiKey("before", alice.id(), at(99)));
    keys().save(apiKey("from", alice.id(), at(100)));
    keys().save(apiKey("later", bob.id(), at(150)));
    keys().save(apiKey("inside", alice.id(), at(120)));
    keys().save(apiKey("to", alice.id(), at(200)));
    ApiKey reminded = apiKey("reminded", alice.id(), at(130));
    keys().save(reminded);
    keys().markReminderSent(reminded.id());
    assertThat(map(keys().expiringWithoutReminder(at(100), at(200)), ApiKey::name))
        .containsExactly("from", "inside", "later");
  }

  @Test
  void markReminderSentWhenKeyMissingThenNotFound() {
    assertThatThrownBy(() -> keys().markReminderSent(Fixtures.id("ghost")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void markReminderSentSetsTheFlag() {
    ApiKey key = apiKey("ci", alice.id(), at(100));
    keys().save(key);
    keys().markReminderSent(key.id());
    assertThat(keys().findByHash(key.keyHash()).orElseThrow().expirationEmailSent()).isTrue();
  }

  @Test
  void deleteDeletesOnlyTheOwnersKey() {
    ApiKey key = apiKey("ci", alice.id(), at(86400));
    keys().save(key);
    assertThat(keys().delete(bob.id(), key.id())).isFalse();
    assertThat(keys().findByHash(key.keyHash())).isPresent();
    assertThat(keys().delete(alice.id(), key.id())).isTrue();
    assertThat(keys().findByHash(key.keyHash())).isEmpty();
    assertThat(keys().delete(alice.id(), key.id())).isFalse();
  }

  @Test
  void deleteUserDeletesTheirKeys() {
    ApiKey a = apiKey("a", alice.id(), at(86400));
    ApiKey b = apiKey("b", bob.id(), at(86400));
    keys().save(a);
    keys().save(b);
    storage().users().delete(alice.id());
    assertThat(keys().findByHash(a.keyHash())).isEmpty();
    assertThat(keys().findByHash(b.keyHash())).isPresent();
  }
}

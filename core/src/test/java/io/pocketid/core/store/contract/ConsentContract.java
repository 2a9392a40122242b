package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.at;
import static io.pocketid.core.store.contract.Fixtures.consent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.Consent;
import io.pocketid.core.model.User;
import io.pocketid.core.store.ConsentStore;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class ConsentContract extends ContractSupport {
  private User alice;

  private ConsentStore consents() {
    return storage().consents();
  }

  @BeforeEach
  void createUserAndClients() {
    alice = createUser("alice");
    createClient("c1");
    createClient("c2");
    createClient("c3");
  }

  @Test
  void upsertThenFindReturnsTheConsent() {
    Consent c = consent(alice.id(), "c1", at(1));
    consents().upsert(c);
    assertThat(consents().find(alice.id(), "c1")).contains(c);
    assertThat(consents().find(alice.id(), "c2")).isEmpty();
  }

  @Test
  void upsertReplacesTheConsentOfTheSameUserAndClient() {
    consents().upsert(consent(alice.id(), "c1", at(1)));
    Consent wider = new Consent(alice.id(), "c1", "openid profile email groups", at(2));
    consents().upsert(wider);
    assertThat(consents().find(alice.id(), "c1")).contains(wider);
    assertThat(consents().listForUser(alice.id(), PageRequest.of(1, 10)).totalItems()).isEqualTo(1);
  }

  @Test
  void upsertWhenUserOrClientMissingThenNotFound() {
    assertThatThrownBy(() -> consents().upsert(consent(Fixtures.id("ghost"), "c1", at(1))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> consents().upsert(consent(alice.id(), "ghost", at(1))))
        .isInstanceOf(NotFoundException.class);
    assertThat(consents().find(alice.id(), "ghost")).isEmpty();
  }

  @Test
  void deleteReturnsWhetherAConsentWasDeleted() {
    consents().upsert(consent(alice.id(), "c1", at(1)));
    assertThat(consents().delete(alice.id(), "c1")).isTrue();
    assertThat(consents().find(alice.id(), "c1")).isEmpty();
    assertThat(consents().delete(alice.id(), "c1")).isFalse();
  }

  @Test
  void listForUserIsNewestLastUseFirstByDefaultAndPaginates() {
    User bob = createUser("bob");
    consents().upsert(consent(alice.id(), "c1", at(10)));
    consents().upsert(consent(alice.id(), "c2", at(30)));
    consents().upsert(consent(alice.id(), "c3", at(20)));
    consents().upsert(consent(bob.id(), "c1", at(40)));
    Page<Consent> first = consents().listForUser(alice.id(), PageRequest.of(1, 2));
    assertThat(first.totalItems()).isEqualTo(3);
    assertThat(first.totalPages()).isEqualTo(2);
    assertThat(map(first.items(), Consent::clientId)).containsExactly("c2", "c3");
    assertThat(
            map(
                consents().listForUser(alice.id(), PageRequest.of(2, 2)).items(),
                Consent::clientId))
        .containsExactly("c1");
    assertThat(consents().listForUser(alice.id(), PageRequest.of(3, 2)).items()).isEmpty();
  }

  @Test
  void listForUserSortsByEveryDocumentedColumnBothWays() {
    consents().upsert(consent(alice.id(), "c1", at(10)));
    consents().upsert(consent(alice.id(), "c2", at(20)));
    consents().upsert(consent(alice.id(), "c3", at(30)));
    for (String column : new String[] {"lastUsedAt", "clientId"}) {
      PageRequest request = PageRequest.of(1, 10);
      assertThat(
              map(
                  consents().listForUser(alice.id(), request.withSort(Sort.asc(column))).items(),
                  Consent::clientId))
          .as(column)
          .containsExactly("c1", "c2", "c3");
      assertThat(
              map(
                  consents().listForUser(alice.id(), request.withSort(Sort.desc(column))).items(),
                  Consent::clientId))
          .as(column)
          .containsExactly("c3", "c2", "c1");
    }
  }

  @Test
  void listForUserWhenSortColumnUnknownThenIllegalArgumentNamingIt() {
    PageRequest request = PageRequest.of(1, 10).withSort(Sort.asc("scope"));
    assertThatThrownBy(() -> consents().listForUser(alice.id(), request))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scope");
  }

  @Test
  void deleteUserDeletesTheirConsents() {
    User bob = createUser("bob");
    consents().upsert(consent(alice.id(), "c1", at(1)));
    consents().upsert(consent(bob.id(), "c1", at(1)));
    storage().users().delete(alice.id());
    assertThat(consents().find(alice.id(), "c1")).isEmpty();
    assertThat(consents().find(bob.id(), "c1")).isPresent();
  }

  @Test
  void deleteClientDeletesItsConsents() {
    consents().upsert(consent(alice.id(), "c1", at(1)));
    consents().upsert(consent(alice.id(), "c2", at(1)));
    storage().clients().delete("c1");
    assertThat(consents().find(alice.id(), "c1")).isEmpty();
    assertThat(consents().find(alice.id(), "c2")).isPresent();
  }
}

package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.T0;
import static io.pocketid.core.store.contract.Fixtures.at;
import static io.pocketid.core.store.contract.Fixtures.hash;
import static io.pocketid.core.store.contract.Fixtures.signupToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.SignupToken;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.SignupTokenStore;
import io.pocketid.core.store.Sort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

abstract class SignupTokenContract extends ContractSupport {
  private SignupTokenStore tokens() {
    return storage().signupTokens();
  }

  @Test
  void saveThenFindByHashReturnsTheToken() {
    SignupToken token = signupToken("invite", 3, at(3600));
    tokens().save(token);
    assertThat(tokens().findByHash(hash("invite"))).contains(token);
    assertThat(tokens().findByHash(hash("other"))).isEmpty();
  }

  @Test
  void saveWhenTokenHashTakenThenDuplicateKeyTokenHash() {
    tokens().save(signupToken("invite", 3, at(3600)));
    SignupToken clash = new SignupToken(Fixtures.id("x"), hash("invite"), T0, at(60), 1, 0);
    assertThatThrownBy(() -> tokens().save(clash))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("tokenHash"));
    assertThat(tokens().findByHash(hash("invite")).orElseThrow().usageLimit()).isEqualTo(3);
  }

  @Test
  void useCountsUsesUpToTheLimit() {
    tokens().save(signupToken("invite", 2, at(3600)));
    assertThat(tokens().use(hash("invite"), T0).orElseThrow().usageCount()).isEqualTo(1);
    assertThat(tokens().use(hash("invite"), T0).orElseThrow().usageCount()).isEqualTo(2);
    assertThat(tokens().use(hash("invite"), T0)).isEmpty();
    assertThat(tokens().findByHash(hash("invite")).orElseThrow().usageCount()).isEqualTo(2);
  }

  @Test
  void useWhenExpiredThenEmptyAndNotCounted() {
    tokens().save(signupToken("invite", 2, at(3600)));
    assertThat(tokens().use(hash("invite"), at(3601))).isEmpty();
    assertThat(tokens().findByHash(hash("invite")).orElseThrow().usageCount()).isZero();
  }

  @Test
  void useWhenUnknownThenEmpty() {
    assertThat(tokens().use(hash("nope"), T0)).isEmpty();
  }

  @Test
  void deleteReturnsWhetherATokenWasDeleted() {
    SignupToken token = signupToken("invite", 1, at(3600));
    tokens().save(token);
    assertThat(tokens().delete(token.id())).isTrue();
    assertThat(tokens().findByHash(hash("invite"))).isEmpty();
    assertThat(tokens().delete(token.id())).isFalse();
  }

  @Test
  void deleteExpiredDeletesExactlyTheExpiredTokens() {
    tokens().save(signupToken("old", 1, at(-1)));
    tokens().save(signupToken("new", 1, at(1)));
    assertThat(tokens().deleteExpired(T0)).isEqualTo(1);
    assertThat(tokens().findByHash(hash("old"))).isEmpty();
    assertThat(tokens().findByHash(hash("new"))).isPresent();
  }

  @Test
  void listPaginatesWithTotals() {
    for (int i = 1; i <= 5; i++) {
      tokens().save(signupToken("t" + i, i, at(3600)));
    }
    PageRequest request = new PageRequest(1, 2, Sort.asc("usageLimit"), null);
    Page<SignupToken> first = tokens().list(request);
    assertThat(first.totalItems()).isEqualTo(5);
    assertThat(first.totalPages()).isEqualTo(3);
    assertThat(map(first.items(), SignupToken::usageLimit)).containsExactly(1, 2);
    assertThat(tokens().list(new PageRequest(4, 2, null, null)).items()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"createdAt", "expiresAt", "usageLimit", "usageCount"})
  void listSortsByEveryDocumentedColumnBothWays(String column) {
    for (int i : new int[] {2, 3, 1}) {
      tokens()
          .save(
              new SignupToken(Fixtures.id("s" + i), hash("s" + i), at(i), at(100 + i), 10 + i, i));
    }
    PageRequest request = PageRequest.of(1, 10);
    assertThat(
            map(tokens().list(request.withSort(Sort.asc(column))).items(), SignupToken::usageCount))
        .containsExactly(1, 2, 3);
    assertThat(
            map(
                tokens().list(request.withSort(Sort.desc(column))).items(),
                SignupToken::usageCount))
        .containsExactly(3, 2, 1);
  }

  @Test
  void listWhenSortColumnUnknownThenIllegalArgumentNamingIt() {
    assertThatThrownBy(() -> tokens().list(PageRequest.of(1, 10).withSort(Sort.asc("tokenHash"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tokenHash");
  }
}

package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.T0;
import static io.pocketid.core.store.contract.Fixtures.at;
import static io.pocketid.core.store.contract.Fixtures.hash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.UsedCode;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.UsedCodeStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;

abstract class UsedCodeContract extends ContractSupport {
  private UsedCodeStore used() {
    return storage().usedCodes();
  }

  @Test
  void recordThenTakeReturnsTheMarkWithEveryField() {
    UsedCode mark =
        new UsedCode(
            hash("code"), Fixtures.id("family"), Instant.parse("2026-01-15T11:00:00.999Z"));
    used().record(mark);
    assertThat(used().take(hash("code"))).contains(mark);
  }

  @Test
  void takeReturnsTheMarkOnlyOnce() {
    used().record(new UsedCode(hash("once"), Fixtures.id("f"), at(60)));
    assertThat(used().take(hash("once"))).isPresent();
    assertThat(used().take(hash("once"))).isEmpty();
  }

  @Test
  void takeReturnsTheMarkEvenWhenExpired() {
    used().record(new UsedCode(hash("old"), Fixtures.id("f"), at(-3600)));
    assertThat(used().take(hash("old"))).map(UsedCode::grantId).contains(Fixtures.id("f"));
  }

  @Test
  void takeWhenUnknownThenEmpty() {
    assertThat(used().take(hash("never"))).isEmpty();
  }

  @Test
  void recordWhenCodeHashTakenThenDuplicateKeyCodeHash() {
    used().record(new UsedCode(hash("same"), Fixtures.id("f1"), at(60)));
    assertThatThrownBy(() -> used().record(new UsedCode(hash("same"), Fixtures.id("f2"), at(60))))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("codeHash"));
    assertThat(used().take(hash("same"))).map(UsedCode::grantId).contains(Fixtures.id("f1"));
  }

  @Test
  void deleteExpiredDeletesExactlyTheExpiredMarks() {
    used().record(new UsedCode(hash("expired1"), Fixtures.id("f1"), at(-10)));
    used().record(new UsedCode(hash("expired2"), Fixtures.id("f2"), at(-1)));
    used().record(new UsedCode(hash("now"), Fixtures.id("f3"), T0));
    used().record(new UsedCode(hash("valid"), Fixtures.id("f4"), at(10)));
    assertThat(used().deleteExpired(T0)).isEqualTo(2);
    assertThat(used().take(hash("expired1"))).isEmpty();
    assertThat(used().take(hash("expired2"))).isEmpty();
    assertThat(used().take(hash("now"))).isPresent();
    assertThat(used().take(hash("valid"))).isPresent();
  }

  @Test
  void recordInATransactionThatRollsBackLeavesNoMark() {
    RuntimeException boom = new IllegalStateException("boom");
    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        () -> {
                          used().record(new UsedCode(hash("rb"), Fixtures.id("f"), at(60)));
                          throw boom;
                        }))
        .isSameAs(boom);
    assertThat(used().take(hash("rb"))).isEmpty();
  }
}

package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.T0;
import static io.pocketid.core.store.contract.Fixtures.at;
import static io.pocketid.core.store.contract.Fixtures.hash;
import static io.pocketid.core.store.contract.Fixtures.loginCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.LoginCode;
import io.pocketid.core.model.User;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.LoginCodeStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class LoginCodeContract extends ContractSupport {
  private User alice;

  private LoginCodeStore codes() {
    return storage().loginCodes();
  }

  @BeforeEach
  void createUser() {
    alice = createUser("alice");
  }

  @Test
  void consumeReturnsAValidCodeOnlyOnce() {
    LoginCode code = loginCode("abc", alice.id(), at(900));
    codes().save(code);
    assertThat(codes().consume(hash("abc"), T0)).contains(code);
    assertThat(codes().consume(hash("abc"), T0)).isEmpty();
  }

  @Test
  void consumeWhenExpiredThenEmpty() {
    codes().save(loginCode("abc", alice.id(), at(900)));
    assertThat(codes().consume(hash("abc"), at(901))).isEmpty();
  }

  @Test
  void consumeWhenUnknownThenEmpty() {
    assertThat(codes().consume(hash("nope"), T0)).isEmpty();
  }

  @Test
  void saveWhenCodeHashTakenThenDuplicateKeyCodeHash() {
    codes().save(loginCode("abc", alice.id(), at(900)));
    LoginCode clash = new LoginCode(Fixtures.id("other"), hash("abc"), T0, at(60), alice.id());
    assertThatThrownBy(() -> codes().save(clash))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("codeHash"));
    assertThat(codes().consume(hash("abc"), T0).orElseThrow().expiresAt()).isEqualTo(at(900));
  }

  @Test
  void deleteExpiredDeletesExactlyTheExpiredCodes() {
    codes().save(loginCode("old", alice.id(), at(-1)));
    codes().save(loginCode("new", alice.id(), at(1)));
    assertThat(codes().deleteExpired(T0)).isEqualTo(1);
    assertThat(codes().consume(hash("old"), at(-100))).isEmpty();
    assertThat(codes().consume(hash("new"), T0)).isPresent();
  }

  @Test
  void deleteUserDeletesTheirCodes() {
    User bob = createUser("bob");
    codes().save(loginCode("a", alice.id(), at(900)));
    codes().save(loginCode("b", bob.id(), at(900)));
    storage().users().delete(alice.id());
    assertThat(codes().consume(hash("a"), T0)).isEmpty();
    assertThat(codes().consume(hash("b"), T0)).isPresent();
  }
}

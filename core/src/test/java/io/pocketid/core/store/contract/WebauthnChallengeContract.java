package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.T0;
import static io.pocketid.core.store.contract.Fixtures.at;
import static io.pocketid.core.store.contract.Fixtures.challenge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.WebauthnChallenge;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.WebauthnChallengeStore;
import org.junit.jupiter.api.Test;

abstract class WebauthnChallengeContract extends ContractSupport {
  private WebauthnChallengeStore challenges() {
    return storage().webauthnChallenges();
  }

  @Test
  void consumeReturnsAValidCeremonyOnlyOnce() {
    String userId = createUser("alice").id();
    WebauthnChallenge c = challenge("w1", userId, at(300));
    challenges().save(c);
    assertThat(challenges().consume("w1", T0)).contains(c);
    assertThat(challenges().consume("w1", T0)).isEmpty();
  }

  @Test
  void saveWhenUserIdIsNullThenItRoundTripsAsNull() {
    challenges().save(challenge("w1", null, at(300)));
    assertThat(challenges().consume("w1", T0).orElseThrow().userId()).isNull();
  }

  @Test
  void requestJsonIsKeptVerbatim() {
    String json = "{\"challenge\":\"q83vEjRWeJA\",\"allowCredentials\":[],\"timeout\":60000}";
    WebauthnChallenge c =
        new WebauthnChallenge("w1", "q83vEjRWeJA", T0, at(300), "required", null, json);
    challenges().save(c);
    assertThat(challenges().consume("w1", T0).orElseThrow().requestJson()).isEqualTo(json);
  }

  @Test
  void consumeWhenExpiredThenEmptyAndTheCeremonyIsGone() {
    challenges().save(challenge("w1", null, at(300)));
    assertThat(challenges().consume("w1", at(301))).isEmpty();
    assertThat(challenges().consume("w1", T0)).isEmpty();
  }

  @Test
  void saveWhenIdTakenThenDuplicateKeyId() {
    challenges().save(challenge("w1", null, at(300)));
    WebauthnChallenge clash =
        new WebauthnChallenge("w1", "other-challenge", T0, at(300), "preferred", null, "{}");
    assertThatThrownBy(() -> challenges().save(clash))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("id"));
  }

  @Test
  void saveWhenChallengeTakenThenDuplicateKeyChallenge() {
    challenges().save(challenge("w1", null, at(300)));
    WebauthnChallenge clash =
        new WebauthnChallenge("w2", "challenge-w1", T0, at(300), "preferred", null, "{}");
    assertThatThrownBy(() -> challenges().save(clash))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("challenge"));
    assertThat(challenges().consume("w2", T0)).isEmpty();
  }

  @Test
  void deleteExpiredDeletesExactlyTheExpiredCeremonies() {
    challenges().save(challenge("old", null, at(-1)));
    challenges().save(challenge("new", null, at(1)));
    assertThat(challenges().deleteExpired(T0)).isEqualTo(1);
    assertThat(challenges().consume("old", at(-100))).isEmpty();
    assertThat(challenges().consume("new", T0)).isPresent();
  }
}

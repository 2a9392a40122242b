package io.pocketid.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.store.CustomClaimStore;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import java.util.List;
import org.junit.jupiter.api.Test;

abstract class CustomClaimContract extends ContractSupport {
  private CustomClaimStore claims() {
    return storage().customClaims();
  }

  @Test
  void replaceForUserThenForUserReturnsClaimsOrderedByKey() {
    User alice = createUser("alice");
    claims()
        .replaceForUser(
            alice.id(), List.of(new CustomClaim("zone", "eu"), new CustomClaim("alpha", "1")));
    assertThat(claims().forUser(alice.id()))
        .containsExactly(new CustomClaim("alpha", "1"), new CustomClaim("zone", "eu"));
  }

  @Test
  void replaceForUserReplacesEveryPreviousClaim() {
    User alice = createUser("alice");
    claims().replaceForUser(alice.id(), List.of(new CustomClaim("a", "1")));
    claims().replaceForUser(alice.id(), List.of(new CustomClaim("b", "2")));
    assertThat(claims().forUser(alice.id())).containsExactly(new CustomClaim("b", "2"));
    claims().replaceForUser(alice.id(), List.of());
    assertThat(claims().forUser(alice.id())).isEmpty();
  }

  @Test
  void claimValuesAreKeptVerbatim() {
    User alice = createUser("alice");
    List<CustomClaim> values =
        List.of(
            new CustomClaim("arr", "[1, \"two\", {\"three\": 3}]"),
            new CustomClaim("bool", "true"),
            new CustomClaim("empty", ""),
            new CustomClaim("num", "42.50"),
            new CustomClaim("obj", "{\"nested\":{\"k\":\"v\"},\"list\":[]}"),
            new CustomClaim("text", "  spaced \"quoted\" \\ back\nnewline unicode-\u00e9\u4e2d  "));
    claims().replaceForUser(alice.id(), values);
    assertThat(claims().forUser(alice.id())).containsExactlyElementsOf(values);
  }

  @Test
  void userAndGroupClaimsAreSeparate() {
    User alice = createUser("alice");
    UserGroup devs = createGroup("devs");
    claims().replaceForUser(alice.id(), List.of(new CustomClaim("team", "user")));
    claims().replaceForGroup(devs.id(), List.of(new CustomClaim("team", "group")));
    assertThat(claims().forUser(alice.id())).containsExactly(new CustomClaim("team", "user"));
    assertThat(claims().forGroup(devs.id())).containsExactly(new CustomClaim("team", "group"));
  }

  @Test
  void sameKeyMayBeUsedByDifferentOwners() {
    User alice = createUser("alice");
    User bob = createUser("bob");
    claims().replaceForUser(alice.id(), List.of(new CustomClaim("k", "a")));
    claims().replaceForUser(bob.id(), List.of(new CustomClaim("k", "b")));
    assertThat(claims().forUser(alice.id())).containsExactly(new CustomClaim("k", "a"));
    assertThat(claims().forUser(bob.id())).containsExactly(new CustomClaim("k", "b"));
  }

  @Test
  void replaceForUserWhenTwoClaimsShareAKeyThenDuplicateKeyAndOldClaimsStay() {
    User alice = createUser("alice");
    claims().replaceForUser(alice.id(), List.of(new CustomClaim("old", "1")));
    List<CustomClaim> clash = List.of(new CustomClaim("k", "1"), new CustomClaim("k", "2"));
    assertThatThrownBy(() -> claims().replaceForUser(alice.id(), clash))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("key"));
    assertThat(claims().forUser(alice.id())).containsExactly(new CustomClaim("old", "1"));
  }

  @Test
  void replaceForGroupWhenTwoClaimsShareAKeyThenDuplicateKey() {
    UserGroup devs = createGroup("devs");
    List<CustomClaim> clash = List.of(new CustomClaim("k", "1"), new CustomClaim("k", "2"));
    assertThatThrownBy(() -> claims().replaceForGroup(devs.id(), clash))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("key"));
    assertThat(claims().forGroup(devs.id())).isEmpty();
  }

  @Test
  void replaceWhenOwnerMissingThenNotFound() {
    List<CustomClaim> one = List.of(new CustomClaim("k", "v"));
    assertThatThrownBy(() -> claims().replaceForUser(Fixtures.id("ghost"), one))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> claims().replaceForGroup(Fixtures.id("ghost"), one))
        .isInstanceOf(NotFoundException.class);
    assertThat(claims().forUser(Fixtures.id("ghost"))).isEmpty();
    assertThat(claims().forGroup(Fixtures.id("ghost"))).isEmpty();
  }

  @Test
  void deleteUserDeletesTheirClaims() {
    User alice = createUser("alice");
    User bob = createUser("bob");
    claims().replaceForUser(alice.id(), List.of(new CustomClaim("k", "a")));
    claims().replaceForUser(bob.id(), List.of(new CustomClaim("k", "b")));
    storage().users().delete(alice.id());
    assertThat(claims().forUser(alice.id())).isEmpty();
    assertThat(claims().forUser(bob.id())).containsExactly(new CustomClaim("k", "b"));
  }

  @Test
  void deleteUserWhenRecreatedWithSameIdThenNoOldClaimsComeBack() {
    User alice = createUser("alice");
    claims().replaceForUser(alice.id(), List.of(new CustomClaim("k", "a")));
    storage().users().delete(alice.id());
    storage().users().create(alice);
    assertThat(claims().forUser(alice.id())).isEmpty();
  }

  @Test
  void deleteGroupDeletesItsClaims() {
    UserGroup devs = createGroup("devs");
    UserGroup ops = createGroup("ops");
    claims().replaceForGroup(devs.id(), List.of(new CustomClaim("k", "d")));
    claims().replaceForGroup(ops.id(), List.of(new CustomClaim("k", "o")));
    storage().groups().delete(devs.id());
    assertThat(claims().forGroup(devs.id())).isEmpty();
    assertThat(claims().forGroup(ops.id())).containsExactly(new CustomClaim("k", "o"));
    storage().groups().create(devs);
    assertThat(claims().forGroup(devs.id())).isEmpty();
  }

  @Test
  void keySuggestionsAreDistinctKeysMostUsedFirstThenByKey() {
    User alice = createUser("alice");
    User bob = createUser("bob");
    UserGroup devs = createGroup("devs");
    assertThat(claims().keySuggestions()).isEmpty();
    claims()
        .replaceForUser(
            alice.id(), List.of(new CustomClaim("team", "a"), new CustomClaim("zeta", "1")));
    claims()
        .replaceForUser(
            bob.id(), List.of(new CustomClaim("team", "b"), new CustomClaim("zeta", "3")));
    claims()
        .replaceForGroup(
            devs.id(), List.of(new CustomClaim("alpha", "x"), new CustomClaim("zeta", "2")));
    assertThat(claims().keySuggestions()).containsExactly("zeta", "team", "alpha");
  }
}

package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.FederatedIdentity;
import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.OidcClientStore;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

abstract class ClientContract extends ContractSupport {
  private OidcClientStore clients() {
    return storage().clients();
  }

  @Test
  void createThenFindByIdReturnsEqualClientWithEveryField() {
    User creator = createUser("creator");
    OidcClient c =
        new OidcClient(
            "nextcloud",
            Fixtures.at(1),
            "Nextcloud",
            "$2a$10$hash",
            List.of("https://cloud.example/cb", "https://cloud.example/*"),
            List.of("https://cloud.example/logout"),
            "https://cloud.example/backchannel",
            "png",
            "svg",
            creator.id(),
            true,
            true,
            true,
            "https://cloud.example",
            List.of(
                new FederatedIdentity("https://issuer.example", "sub", "aud", "https://jwks"),
                new FederatedIdentity("https://other.example", null, null, null)));
    clients().create(c);
    assertThat(clients().findById("nextcloud")).contains(c);
  }

  @Test
  void createWhenNullableFieldsAreNullAndListsEmptyThenTheyRoundTrip() {
    OidcClient c =
        new OidcClient(
            "bare",
            Fixtures.T0,
            "Bare",
            null,
            List.of(),
            List.of(),
            null,
            null,
            null,
            null,
            false,
            false,
            false,
            null,
            List.of());
    clients().create(c);
    assertThat(clients().findById("bare")).contains(c);
  }

  @Test
  void replaceSecretHashWhenExpectedMatchesThenOnlyTheHashChanges() {
    OidcClient c = clients().findById(createClient("upgrade").id()).orElseThrow();
    String bcrypt = c.secretHash();
    assertThat(clients().replaceSecretHash("upgrade", bcrypt, "$sha256$new")).isTrue();
    assertThat(clients().findById("upgrade")).contains(c.withSecretHash("$sha256$new"));
  }

  @Test
  void replaceSecretHashWhenHashChangedMeanwhileThenNothingChanges() {
    OidcClient c = clients().findById(createClient("raced").id()).orElseThrow();
    clients().update(c.withSecretHash("$2a$10$rotatedByAnAdmin"));
    assertThat(clients().replaceSecretHash("raced", c.secretHash(), "$sha256$stale")).isFalse();
    assertThat(clients().findById("raced").orElseThrow().secretHash())
        .isEqualTo("$2a$10$rotatedByAnAdmin");
  }

  @Test
  void replaceSecretHashWhenClientMissingOrSecretNullThenFalse() {
    assertThat(clients().replaceSecretHash("nobody", "$2a$10$x", "$sha256$y")).isFalse();
    clients().create(client("public").secretHash(null).publicClient(true).build());
    assertThat(clients().replaceSecretHash("public", "$2a$10$x", "$sha256$y")).isFalse();
    assertThat(clients().findById("public").orElseThrow().secretHash()).isNull();
  }

  @Test
  void createWhenClientIdTakenThenDuplicateKeyId() {
    createClient("c1");
    OidcClient again = client("c1").name("Another").build();
    assertThatThrownBy(() -> clients().create(again))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("id"));
    assertThat(clients().findById("c1").orElseThrow().name()).isEqualTo("Client c1");
  }

  @Test
  void updateReplacesTheClient() {
    OidcClient c = createClient("c1");
    OidcClient changed =
        client("c1")
            .name("Renamed")
            .secretHash(null)
            .publicClient(true)
            .callbackUrls(List.of("https://new.example/cb"))
            .launchUrl("https://new.example")
            .build();
    clients().update(changed);
    assertThat(clients().findById(c.id())).contains(changed);
  }

  @Test
  void updateWhenClientMissingThenNotFound() {
    assertThatThrownBy(() -> clients().update(client("ghost").build()))
        .isInstanceOf(NotFoundException.class);
    assertThat(clients().findById("ghost")).isEmpty();
  }

  @Test
  void deleteReturnsWhetherAClientWasDeleted() {
    createClient("c1");
    assertThat(clients().delete("c1")).isTrue();
    assertThat(clients().findById("c1")).isEmpty();
    assertThat(clients().delete("c1")).isFalse();
  }

  @Test
  void listPaginatesInNameOrderByDefault() {
    clients().create(client("c3").name("gamma").build());
    clients().create(client("c1").name("alpha").build());
    clients().create(client("c2").name("beta").build());
    Page<OidcClient> first = clients().list(PageRequest.of(1, 2));
    assertThat(first.totalItems()).isEqualTo(3);
    assertThat(first.totalPages()).isEqualTo(2);
    assertThat(map(first.items(), OidcClient::name)).containsExactly("alpha", "beta");
    assertThat(map(clients().list(PageRequest.of(2, 2)).items(), OidcClient::name))
        .containsExactly("gamma");
    assertThat(clients().list(PageRequest.of(5, 2)).items()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"name", "createdAt"})
  void listSortsByEveryDocumentedColumnBothWays(String column) {
    clients().create(client("x2").name("b").createdAt(Fixtures.at(2)).build());
    clients().create(client("x3").name("c").createdAt(Fixtures.at(3)).build());
    clients().create(client("x1").name("a").createdAt(Fixtures.at(1)).build());
    PageRequest request = PageRequest.of(1, 10);
    assertThat(map(clients().list(request.withSort(Sort.asc(column))).items(), OidcClient::id))
        .containsExactly("x1", "x2", "x3");
    assertThat(map(clients().list(request.withSort(Sort.desc(column))).items(), OidcClient::id))
        .containsExactly("x3", "x2", "x1");
  }

  @Test
  void listWhenSortColumnUnknownThenIllegalArgumentNamingIt() {
    assertThatThrownBy(() -> clients().list(PageRequest.of(1, 10).withSort(Sort.desc("secret"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret");
  }

  @Test
  void listSearchMatchesTheNameIgnoringCase() {
    clients().create(client("c1").name("Immich Photos").build());
    clients().create(client("c2").name("Grafana").build());
    clients().create(client("photos-id").name("Other").build());
    Page<OidcClient> page = clients().list(PageRequest.of(1, 10).withSearch("PHOTOS"));
    assertThat(map(page.items(), OidcClient::id)).containsExactly("c1");
    assertThat(page.totalItems()).isEqualTo(1);
  }

  @Test
  void setAllowedGroupsReplacesTheRestriction() {
    OidcClient c = createClient("c1");
    UserGroup devs = createGroup("devs");
    UserGroup ops = createGroup("ops");
    assertThat(clients().allowedGroupIds(c.id())).isEmpty();
    clients().setAllowedGroups(c.id(), List.of(devs.id(), ops.id()));
    assertThat(clients().allowedGroupIds(c.id()))
        .containsExactlyInAnyOrder(devs.id(), ops.id())
        .isSorted();
    clients().setAllowedGroups(c.id(), List.of(ops.id()));
    assertThat(clients().allowedGroupIds(c.id())).containsExactly(ops.id());
    clients().setAllowedGroups(c.id(), List.of());
    assertThat(clients().allowedGroupIds(c.id())).isEmpty();
  }

  @Test
  void setAllowedGroupsWhenClientOrGroupMissingThenNotFoundAndNothingChanges() {
    OidcClient c = createClient("c1");
    UserGroup devs = createGroup("devs");
    clients().setAllowedGroups(c.id(), List.of(devs.id()));
    assertThatThrownBy(() -> clients().setAllowedGroups("ghost", List.of(devs.id())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () -> clients().setAllowedGroups(c.id(), List.of(devs.id(), Fixtures.id("ghost"))))
        .isInstanceOf(NotFoundException.class);
    assertThat(clients().allowedGroupIds(c.id())).containsExactly(devs.id());
  }

  @Test
  void deleteGroupRemovesItFromClientRestrictions() {
    OidcClient c = createClient("c1");
    UserGroup devs = createGroup("devs");
    UserGroup ops = createGroup("ops");
    clients().setAllowedGroups(c.id(), List.of(devs.id(), ops.id()));
    storage().groups().delete(devs.id());
    assertThat(clients().allowedGroupIds(c.id())).containsExactly(ops.id());
  }

  @Test
  void deleteClientRemovesItsGroupRestrictions() {
    OidcClient c = createClient("c1");
    UserGroup devs = createGroup("devs");
    clients().setAllowedGroups(c.id(), List.of(devs.id()));
    clients().delete(c.id());
    assertThat(clients().allowedGroupIds(c.id())).isEmpty();
    clients().create(c);
    assertThat(clients().allowedGroupIds(c.id())).isEmpty();
    assertThat(storage().groups().findById(devs.id())).contains(devs);
  }

  @Test
  void deleteUserKeepsTheClientsTheyCreated() {
    User creator = createUser("creator");
    OidcClient c = client("c1").createdById(creator.id()).build();
    clients().create(c);
    storage().users().delete(creator.id());
    assertThat(clients().findById("c1")).isPresent();
  }

  @Test
  void listAccessibleReturnsUnrestrictedClientsAndThoseAllowingOneOfTheUsersGroups() {
    User alice = createUser("alice");
    User bob = createUser("bob");
    UserGroup devs = createGroup("devs");
    UserGroup ops = createGroup("ops");
    createClient("open");
    createClient("for-devs");
    createClient("for-ops");
    clients().setAllowedGroups("for-devs", List.of(devs.id()));
    clients().setAllowedGroups("for-ops", List.of(ops.id()));
    storage().groups().setMembers(devs.id(), List.of(alice.id()));

    assertThat(
            map(
                clients().listAccessible(alice.id(), PageRequest.of(1, 10)).items(),
                OidcClient::id))
        .containsExactlyInAnyOrder("open", "for-devs");
    Page<OidcClient> bobs = clients().listAccessible(bob.id(), PageRequest.of(1, 10));
    assertThat(map(bobs.items(), OidcClient::id)).containsExactly("open");
    assertThat(bobs.totalItems()).isEqualTo(1);
    assertThat(
            clients()
                .listAccessible(alice.id(), PageRequest.of(1, 1).withSort(Sort.desc("name")))
                .totalItems())
        .isEqualTo(2);
  }

  @Test
  void listFiltersByPkceAndReauthenticationAndSortsByAllowedGroupCount() {
    clients().create(client("plain").name("plain").build());
    clients().create(client("pkce").name("pkce").pkceEnabled(true).build());
    clients()
        .create(
            client("both").name("both").pkceEnabled(true).requiresReauthentication(true).build());
    UserGroup one = Fixtures.group("one");
    UserGroup two = Fixtures.group("two");
    storage().groups().create(one);
    storage().groups().create(two);
    clients().setAllowedGroups("pkce", List.of(one.id(), two.id()));
    clients().setAllowedGroups("both", List.of(one.id()));
    PageRequest request = PageRequest.of(1, 10);

    assertThat(
            map(
                clients().list(request, new OidcClientStore.Filter(true, null)).items(),
                OidcClient::id))
        .containsExactly("both", "pkce");
    Page<OidcClient> reauth = clients().list(request, new OidcClientStore.Filter(null, true));
    assertThat(map(reauth.items(), OidcClient::id)).containsExactly("both");
    assertThat(reauth.totalItems()).isEqualTo(1);
    assertThat(
            map(
                clients().list(request, new OidcClientStore.Filter(false, false)).items(),
                OidcClient::id))
        .containsExactly("plain");
    assertThat(
            map(
                clients().list(request.withSort(Sort.desc("allowedUserGroupsCount"))).items(),
                OidcClient::id))
        .containsExactly("pkce", "both", "plain");
    assertThat(
            map(
                clients().list(request.withSort(Sort.asc("allowedUserGroupsCount"))).items(),
                OidcClient::id))
        .containsExactly("plain", "both", "pkce");
  }
}

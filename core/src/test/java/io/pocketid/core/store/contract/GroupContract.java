package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.GroupAccess;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import io.pocketid.core.store.UserGroupStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

abstract class GroupContract extends ContractSupport {
  private UserGroupStore groups() {
    return storage().groups();
  }

  @Test
  void createThenFindByIdAndByNameReturnTheGroup() {
    UserGroup g = new UserGroup(Fixtures.id("g"), Fixtures.T0, "Developers", "devs", "ldap-g");
    groups().create(g);
    assertThat(groups().findById(g.id())).contains(g);
    assertThat(groups().findByName("devs")).contains(g);
    assertThat(groups().findByName("nope")).isEmpty();
  }

  @Test
  void createWhenLdapIdIsNullThenItRoundTripsAsNull() {
    UserGroup g = createGroup("devs");
    assertThat(groups().findById(g.id()).orElseThrow().ldapId()).isNull();
  }

  @Test
  void createWhenNameTakenThenDuplicateKeyName() {
    createGroup("devs");
    UserGroup other = new UserGroup(Fixtures.id("other"), Fixtures.T0, "Other", "devs", null);
    assertThatThrownBy(() -> groups().create(other))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("name"));
    assertThat(groups().findById(other.id())).isEmpty();
  }

  @Test
  void createWhenIdTakenThenDuplicateKeyId() {
    UserGroup devs = createGroup("devs");
    UserGroup other = new UserGroup(devs.id(), Fixtures.T0, "Other", "other", null);
    assertThatThrownBy(() -> groups().create(other))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("id"));
    assertThat(groups().findByName("other")).isEmpty();
  }

  @Test
  void updateReplacesTheGroup() {
    UserGroup devs = createGroup("devs");
    UserGroup renamed = new UserGroup(devs.id(), devs.createdAt(), "Engineers", "engineers", null);
    groups().update(renamed);
    assertThat(groups().findById(devs.id())).contains(renamed);
    assertThat(groups().findByName("devs")).isEmpty();
  }

  @Test
  void updateWhenGroupMissingThenNotFound() {
    assertThatThrownBy(() -> groups().update(group("ghost"))).isInstanceOf(NotFoundException.class);
    assertThat(groups().findByName("ghost")).isEmpty();
  }

  @Test
  void updateWhenNameTakenByAnotherGroupThenDuplicateKeyName() {
    createGroup("devs");
    UserGroup ops = createGroup("ops");
    UserGroup clash = new UserGroup(ops.id(), ops.createdAt(), "Ops", "devs", null);
    assertThatThrownBy(() -> groups().update(clash))
        .isInstanceOfSatisfying(DuplicateKeyException.class, duplicateKey("name"));
    assertThat(groups().findById(ops.id())).contains(ops);
  }

  @Test
  void deleteReturnsWhetherAGroupWasDeleted() {
    UserGroup devs = createGroup("devs");
    assertThat(groups().delete(devs.id())).isTrue();
    assertThat(groups().findById(devs.id())).isEmpty();
    assertThat(groups().delete(devs.id())).isFalse();
  }

  @Test
  void listPaginatesInNameOrderByDefault() {
    createGroup("gamma");
    createGroup("alpha");
    createGroup("beta");
    Page<UserGroup> first = groups().list(PageRequest.of(1, 2));
    assertThat(first.totalItems()).isEqualTo(3);
    assertThat(first.totalPages()).isEqualTo(2);
    assertThat(map(first.items(), UserGroup::name)).containsExactly("alpha", "beta");
    assertThat(map(groups().list(PageRequest.of(2, 2)).items(), UserGroup::name))
        .containsExactly("gamma");
    assertThat(groups().list(PageRequest.of(3, 2)).items()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"name", "friendlyName", "createdAt"})
  void listSortsByEveryDocumentedColumnBothWays(String column) {
    groups().create(group("b", "friendly-b", Fixtures.at(2)));
    groups().create(group("c", "friendly-c", Fixtures.at(3)));
    groups().create(group("a", "friendly-a", Fixtures.at(1)));
    PageRequest request = PageRequest.of(1, 10);
    assertThat(map(groups().list(request.withSort(Sort.asc(column))).items(), UserGroup::name))
        .containsExactly("a", "b", "c");
    assertThat(map(groups().list(request.withSort(Sort.desc(column))).items(), UserGroup::name))
        .containsExactly("c", "b", "a");
  }

  @Test
  void listWhenSortColumnUnknownThenIllegalArgumentNamingIt() {
    assertThatThrownBy(() -> groups().list(PageRequest.of(1, 10).withSort(Sort.asc("members"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("members");
  }

  @Test
  void listSearchMatchesNameAndFriendlyNameIgnoringCase() {
    groups().create(group("admins-x", "Administrators", Fixtures.T0));
    groups().create(group("staff", "The ADMINS-Y", Fixtures.T0));
    groups().create(group("guests", "Guests", Fixtures.T0));
    Page<UserGroup> page = groups().list(PageRequest.of(1, 10).withSearch("Admins-"));
    assertThat(page.totalItems()).isEqualTo(2);
    assertThat(map(page.items(), UserGroup::name)).containsExactlyInAnyOrder("admins-x", "staff");
  }

  @Test
  void setGroupsOfUserReplacesTheUsersGroupsOrderedByName() {
    User alice = createUser("alice");
    UserGroup zeta = createGroup("zeta");
    UserGroup alpha = createGroup("alpha");
    UserGroup mid = createGroup("mid");
    groups().setGroupsOfUser(alice.id(), List.of(zeta.id(), alpha.id()));
    assertThat(groups().groupsOfUser(alice.id())).containsExactly(alpha, zeta);
    groups().setGroupsOfUser(alice.id(), List.of(mid.id()));
    assertThat(groups().groupsOfUser(alice.id())).containsExactly(mid);
    groups().setGroupsOfUser(alice.id(), List.of());
    assertThat(groups().groupsOfUser(alice.id())).isEmpty();
  }

  @Test
  void groupAccessReadsTheUsersGroupsAndTheClientsRestrictionTogether() {
    User alice = createUser("alice");
    User bob = createUser("bob");
    UserGroup zeta = createGroup("zeta");
    UserGroup alpha = createGroup("alpha");
    UserGroup ops = createGroup("ops");
    groups().setGroupsOfUser(alice.id(), List.of(zeta.id(), alpha.id()));
    createClient("open");
    createClient("ops-only");
    storage().clients().setAllowedGroups("ops-only", List.of(ops.id(), zeta.id()));

    GroupAccess open = groups().groupAccess(alice.id(), "open");
    assertThat(open.userGroups()).containsExactly(alpha, zeta);
    assertThat(open.allowedGroupIds()).isEmpty();
    assertThat(open.admits()).isTrue();

    GroupAccess restricted = groups().groupAccess(alice.id(), "ops-only");
    assertThat(restricted.userGroups()).containsExactly(alpha, zeta);
    assertThat(restricted.allowedGroupIds())
        .containsExactlyElementsOf(storage().clients().allowedGroupIds("ops-only"));
    assertThat(restricted.admits()).isTrue();

    GroupAccess outsider = groups().groupAccess(bob.id(), "ops-only");
    assertThat(outsider.userGroups()).isEmpty();
    assertThat(outsider.allowedGroupIds()).containsExactlyInAnyOrder(ops.id(), zeta.id());
    assertThat(outsider.admits()).isFalse();

    assertThat(groups().groupAccess("nobody", "nothing"))
        .isEqualTo(new GroupAccess(List.of(), List.of()));
  }

  @Test
  void setMembersReplacesTheMembersOrderedById() {
    User a = createUser("a");
    User b = createUser("b");
    User c = createUser("c");
    UserGroup devs = createGroup("devs");
    groups().setMembers(devs.id(), List.of(c.id(), a.id(), b.id()));
    assertThat(groups().memberIds(devs.id()))
        .containsExactlyElementsOf(List.of(a.id(), b.id(), c.id()).stream().sorted().toList());
    groups().setMembers(devs.id(), List.of(b.id()));
    assertThat(groups().memberIds(devs.id())).containsExactly(b.id());
    assertThat(groups().groupsOfUser(b.id())).containsExactly(devs);
    assertThat(groups().groupsOfUser(a.id())).isEmpty();
  }

  @Test
  void setMembersLeavesOtherGroupsAlone() {
    User a = createUser("a");
    UserGroup devs = createGroup("devs");
    UserGroup ops = createGroup("ops");
    groups().setMembers(devs.id(), List.of(a.id()));
    groups().setMembers(ops.id(), List.of(a.id()));
    groups().setMembers(devs.id(), List.of());
    assertThat(groups().groupsOfUser(a.id())).containsExactly(ops);
  }

  @Test
  void setGroupsOfUserWhenUserOrGroupMissingThenNotFoundAndNothingChanges() {
    User alice = createUser("alice");
    UserGroup devs = createGroup("devs");
    groups().setGroupsOfUser(alice.id(), List.of(devs.id()));
    assertThatThrownBy(() -> groups().setGroupsOfUser(Fixtures.id("ghost"), List.of(devs.id())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> groups().setGroupsOfUser(alice.id(), List.of(Fixtures.id("ghost"))))
        .isInstanceOf(NotFoundException.class);
    assertThat(groups().groupsOfUser(alice.id())).containsExactly(devs);
  }

  @Test
  void setMembersWhenGroupOrUserMissingThenNotFoundAndNothingChanges() {
    User alice = createUser("alice");
    UserGroup devs = createGroup("devs");
    groups().setMembers(devs.id(), List.of(alice.id()));
    assertThatThrownBy(() -> groups().setMembers(Fixtures.id("ghost"), List.of(alice.id())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> groups().setMembers(devs.id(), List.of(Fixtures.id("ghost"))))
        .isInstanceOf(NotFoundException.class);
    assertThat(groups().memberIds(devs.id())).containsExactly(alice.id());
  }

  @Test
  void membershipQueriesWhenUnknownIdsThenEmpty() {
    assertThat(groups().groupsOfUser(Fixtures.id("ghost"))).isEmpty();
    assertThat(groups().memberIds(Fixtures.id("ghost"))).isEmpty();
  }

  @Test
  void deleteGroupRemovesItsMemberships() {
    User alice = createUser("alice");
    UserGroup devs = createGroup("devs");
    UserGroup ops = createGroup("ops");
    groups().setGroupsOfUser(alice.id(), List.of(devs.id(), ops.id()));
    groups().delete(devs.id());
    assertThat(groups().groupsOfUser(alice.id())).containsExactly(ops);
    assertThat(groups().memberIds(devs.id())).isEmpty();
  }

  @Test
  void deleteUserRemovesTheirMemberships() {
    User alice = createUser("alice");
    User bob = createUser("bob");
    UserGroup devs = createGroup("devs");
    groups().setMembers(devs.id(), List.of(alice.id(), bob.id()));
    storage().users().delete(alice.id());
    assertThat(groups().memberIds(devs.id())).containsExactly(bob.id());
    assertThat(groups().groupsOfUser(alice.id())).isEmpty();
  }
}

package io.pocketid.core.store.memory;

import io.pocketid.core.model.GroupAccess;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import io.pocketid.core.store.UserGroupStore;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

final class MemoryGroupStore implements UserGroupStore {
  private static final Paging<UserGroup> PAGING =
      new Paging<>(
          Map.of(
              "name", Paging.text(UserGroup::name),
              "friendlyName", Paging.text(UserGroup::friendlyName),
              "createdAt", Paging.natural(UserGroup::createdAt)),
          Sort.asc("name"),
          List.of(UserGroup::name, UserGroup::friendlyName),
          Comparator.comparing(UserGroup::id));

  private final MemoryState state;

  MemoryGroupStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void create(UserGroup group) {
    Objects.requireNonNull(group, "group");
    state.run(
        t -> {
          if (t.groups.containsKey(group.id())) {
            throw new DuplicateKeyException("group", "id", group.id());
          }
          checkName(t, group);
          t.groups.put(group.id(), group);
        });
  }

  @Override
  public void update(UserGroup group) {
    Objects.requireNonNull(group, "group");
    state.run(
        t -> {
          if (!t.groups.containsKey(group.id())) {
            throw new NotFoundException("group", group.id());
          }
          checkName(t, group);
          t.groups.put(group.id(), group);
        });
  }

  private static void checkName(Tables t, UserGroup group) {
    for (UserGroup other : t.groups.values()) {
      if (!other.id().equals(group.id()) && other.name().equals(group.name())) {
        throw new DuplicateKeyException("group", "name", group.name());
      }
    }
  }

  @Override
  public Optional<UserGroup> findById(String id) {
    Objects.requireNonNull(id, "id");
    return state.call(t -> Optional.ofNullable(t.groups.get(id)));
  }

  @Override
  public Optional<UserGroup> findByName(String name) {
    Objects.requireNonNull(name, "name");
    return state.call(
        t -> t.groups.values().stream().filter(g -> g.name().equals(name)).findFirst());
  }

  @Override
  public Page<UserGroup> list(PageRequest request) {
    Objects.requireNonNull(request, "request");
    return state.call(t -> PAGING.page(t.groups.values(), request));
  }

  @Override
  public boolean delete(String id) {
    Objects.requireNonNull(id, "id");
    return state.call(t -> t.deleteGroup(id));
  }

  @Override
  public void setGroupsOfUser(String userId, List<String> groupIds) {
    Objects.requireNonNull(userId, "userId");
    Set<String> ids = new LinkedHashSet<>(groupIds);
    state.run(
        t -> {
          if (!t.users.containsKey(userId)) {
            throw new NotFoundException("user", userId);
          }
          ids.forEach(id -> requireGroup(t, id));
          t.memberships.removeIf(m -> m.userId().equals(userId));
          ids.forEach(id -> t.memberships.add(new Tables.Membership(userId, id)));
        });
  }

  @Override
  public void setMembers(String groupId, List<String> userIds) {
    Objects.requireNonNull(groupId, "groupId");
    Set<String> ids = new LinkedHashSet<>(userIds);
    state.run(
        t -> {
          requireGroup(t, groupId);
          for (String id : ids) {
            if (!t.users.containsKey(Objects.requireNonNull(id, "userId"))) {
              throw new NotFoundException("user", id);
            }
          }
          t.memberships.removeIf(m -> m.groupId().equals(groupId));
          ids.forEach(id -> t.memberships.add(new Tables.Membership(id, groupId)));
        });
  }

  static void requireGroup(Tables t, String groupId) {
    if (!t.groups.containsKey(Objects.requireNonNull(groupId, "groupId"))) {
      throw new NotFoundException("group", groupId);
    }
  }

  @Override
  public List<UserGroup> groupsOfUser(String userId) {
    Objects.requireNonNull(userId, "userId");
    return state.call(t -> groupsOfUser(t, userId));
  }

  @Override
  public GroupAccess groupAccess(String userId, String clientId) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(clientId, "clientId");
    return state.call(
        t ->
            new GroupAccess(
                groupsOfUser(t, userId), t.clientGroups.getOrDefault(clientId, List.of())));
  }

  private static List<UserGroup> groupsOfUser(Tables t, String userId) {
    return t.memberships.stream()
        .filter(m -> m.userId().equals(userId))
        .map(m -> t.groups.get(m.groupId()))
        .sorted(Comparator.comparing(UserGroup::name).thenComparing(UserGroup::id))
        .toList();
  }

  @Override
  public List<String> memberIds(String groupId) {
    Objects.requireNonNull(groupId, "groupId");
    return state.call(
        t ->
            t.memberships.stream()
                .filter(m -> m.groupId().equals(groupId))
                .map(Tables.Membership::userId)
                .sorted()
                .toList());
  }
}

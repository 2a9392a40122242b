package io.pocketid.storage.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.pocketid.core.model.GroupAccess;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import io.pocketid.core.store.UserGroupStore;
import io.pocketid.storage.jdbc.internal.ListQuery.Column;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;

/** {@link UserGroupStore} on {@code user_groups} and {@code user_groups_users}. */
public final class JdbcGroupStore implements UserGroupStore {
  private static final Map<String, Column> SORTABLE =
      Map.of(
          "name", Column.text("g.name"),
          "friendlyName", Column.text("g.friendly_name"),
          "createdAt", Column.plain("g.created_at"));

  private final Db db;

  public JdbcGroupStore(Db db) {
    this.db = db;
  }

  private static UserMapper m(SqlSession s) {
    return s.getMapper(UserMapper.class);
  }

  @Override
  public void create(UserGroup group) {
    requireNonNull(group, "group");
    try {
      db.executeGuarded(s -> m(s).insertGroup(group));
    } catch (RuntimeException e) {
      throw Errors.onWrite(e, "group", keys(group));
    }
  }

  @Override
  public void update(UserGroup group) {
    requireNonNull(group, "group");
    int n;
    try {
      n = db.guarded(s -> m(s).updateGroup(group));
    } catch (RuntimeException e) {
      throw Errors.onWrite(e, "group", keys(group));
    }
    if (n == 0) {
      throw new NotFoundException("group", group.id());
    }
  }

  private static Map<String, String> keys(UserGroup group) {
    Map<String, String> keys = new HashMap<>();
    keys.put("id", group.id());
    keys.put("name", group.name());
    keys.put("ldapId", group.ldapId());
    return keys;
  }

  @Override
  public Optional<UserGroup> findById(String id) {
    requireNonNull(id, "id");
    return Optional.ofNullable(db.read(s -> m(s).findGroupById(id)));
  }

  @Override
  public Optional<UserGroup> findByName(String name) {
    requireNonNull(name, "name");
    return Optional.ofNullable(db.read(s -> m(s).findGroupByName(name)));
  }

  @Override
  public Page<UserGroup> list(PageRequest request) {
    requireNonNull(request, "request");
    ListQuery q = ListQuery.of(db.dialect(), request, SORTABLE, Sort.asc("name"), "g.id");
    return db.readSnapshot(
        s ->
            new Page<>(m(s).listGroups(q), m(s).countGroupList(q), request.page(), request.size()));
  }

  @Override
  public boolean delete(String id) {
    requireNonNull(id, "id");
    return db.write(s -> m(s).deleteGroup(id)) > 0;
  }

  @Override
  public void setGroupsOfUser(String userId, List<String> groupIds) {
    requireNonNull(userId, "userId");
    Parents.nonNull(groupIds, "groupIds");
    write(
        s -> {
          Parents.lockOwner(s, "user", "users", userId);
          Parents.requireAll(s, "group", "user_groups", groupIds);
          m(s).deleteGroupsOfUser(userId);
          for (String groupId : new LinkedHashSet<>(groupIds)) {
            m(s).insertMembership(userId, groupId);
          }
        },
        List.of(new Errors.Parent("user", "users", userId)));
  }

  @Override
  public void setMembers(String groupId, List<String> userIds) {
    requireNonNull(groupId, "groupId");
    Parents.nonNull(userIds, "userIds");
    write(
        s -> {
          Parents.lockOwner(s, "group", "user_groups", groupId);
          Parents.requireAll(s, "user", "users", userIds);
          m(s).deleteMembers(groupId);
          for (String userId : new LinkedHashSet<>(userIds)) {
            m(s).insertMembership(userId, groupId);
          }
        },
        List.of(new Errors.Parent("group", "user_groups", groupId)));
  }

  private void write(java.util.function.Consumer<SqlSession> work, List<Errors.Parent> parents) {
    try {
      db.inTransaction(
          () -> {
            db.executeGuarded(work);
            return null;
          });
    } catch (NotFoundException e) {
      throw e;
    } catch (RuntimeException e) {
      if (Errors.isForeignKey(e)) {
        throw Errors.onMissingParent(e, parents, p -> true);
      }
      throw Errors.wrap(e);
    }
  }

  @Override
  public List<UserGroup> groupsOfUser(String userId) {
    requireNonNull(userId, "userId");
    return db.read(s -> m(s).groupsOfUser(userId));
  }

  @Override
  public GroupAccess groupAccess(String userId, String clientId) {
    requireNonNull(userId, "userId");
    requireNonNull(clientId, "clientId");
    List<UserGroup> groups = new ArrayList<>();
    List<String> allowed = new ArrayList<>();
    for (UserMapper.GroupAccessRow row : db.read(s -> m(s).groupAccess(userId, clientId))) {
      if (row.member()) {
        groups.add(row.group());
      } else {
        allowed.add(row.id());
      }
    }
    allowed.sort(null); // as allowedGroupIds: byte order, which the union cannot collate
    return new GroupAccess(groups, allowed);
  }

  @Override
  public List<String> memberIds(String groupId) {
    requireNonNull(groupId, "groupId");
    return db.read(s -> m(s).memberIds(groupId));
  }
}

package io.pocketid.storage.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.pocketid.core.model.User;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import io.pocketid.core.store.UserStore;
import io.pocketid.storage.jdbc.internal.ListQuery.Column;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link UserStore} on the {@code users} table. */
public final class JdbcUserStore implements UserStore {
  private static final Map<String, Column> SORTABLE =
      Map.of(
          "username", Column.text("username"),
          "email", Column.text("email"),
          "firstName", Column.text("first_name"),
          "lastName", Column.text("last_name"),
          "displayName", Column.text("display_name"),
          "createdAt", Column.plain("created_at"));

  private final Db db;

  public JdbcUserStore(Db db) {
    this.db = db;
  }

  private static UserMapper m(org.apache.ibatis.session.SqlSession s) {
    return s.getMapper(UserMapper.class);
  }

  @Override
  public void create(User user) {
    requireNonNull(user, "user");
    try {
      db.executeGuarded(s -> m(s).insertUser(user));
    } catch (RuntimeException e) {
      throw Errors.onWrite(e, "user", keys(user));
    }
  }

  @Override
  public void update(User user) {
    requireNonNull(user, "user");
    int n;
    try {
      n = db.guarded(s -> m(s).updateUser(user));
    } catch (RuntimeException e) {
      throw Errors.onWrite(e, "user", keys(user));
    }
    if (n == 0) {
      throw new NotFoundException("user", user.id());
    }
  }

  private static Map<String, String> keys(User user) {
    Map<String, String> keys = new HashMap<>();
    keys.put("id", user.id());
    keys.put("username", user.username());
    keys.put("email", user.email());
    keys.put("ldapId", user.ldapId());
    return keys;
  }

  @Override
  public Optional<User> findById(String id) {
    requireNonNull(id, "id");
    return Optional.ofNullable(db.read(s -> m(s).findUserById(id)));
  }

  @Override
  public Optional<User> findByUsername(String username) {
    requireNonNull(username, "username");
    return Optional.ofNullable(db.read(s -> m(s).findUserByUsername(username)));
  }

  @Override
  public Optional<User> findByEmail(String email) {
    requireNonNull(email, "email");
    return Optional.ofNullable(db.read(s -> m(s).findUserByEmail(email)));
  }

  @Override
  public Page<User> list(PageRequest request, Filter filter) {
    requireNonNull(request, "request");
    requireNonNull(filter, "filter");
    ListQuery q = ListQuery.of(db.dialect(), request, SORTABLE, Sort.asc("username"), "id");
    return db.readSnapshot(
        s ->
            new Page<>(
                m(s).listUsers(q, filter.admin(), filter.disabled()),
                m(s).countUserList(q, filter.admin(), filter.disabled()),
                request.page(),
                request.size()));
  }

  @Override
  public long countEnabledAdmins() {
    return db.read(s -> m(s).countEnabledAdmins());
  }

  @Override
  public long count() {
    return db.read(s -> m(s).countUsers());
  }

  @Override
  public boolean delete(String id) {
    requireNonNull(id, "id");
    return db.write(s -> m(s).deleteUser(id)) > 0;
  }
}

package io.pocketid.core.store.memory;

import io.pocketid.core.model.User;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import io.pocketid.core.store.UserStore;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class MemoryUserStore implements UserStore {
  private static final Paging<User> PAGING =
      new Paging<>(
          Map.of(
              "username", Paging.text(User::username),
              "email", Paging.text(User::email),
              "firstName", Paging.text(User::firstName),
              "lastName", Paging.text(User::lastName),
              "displayName", Paging.text(User::displayName),
              "createdAt", Paging.natural(User::createdAt)),
          Sort.asc("username"),
          List.of(User::username, User::email, User::firstName, User::lastName, User::displayName),
          Comparator.comparing(User::id));

  private final MemoryState state;

  MemoryUserStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void create(User user) {
    Objects.requireNonNull(user, "user");
    state.run(
        t -> {
          if (t.users.containsKey(user.id())) {
            throw new DuplicateKeyException("user", "id", user.id());
          }
          checkUnique(t.users.values(), user);
          t.users.put(user.id(), user);
        });
  }

  @Override
  public void update(User user) {
    Objects.requireNonNull(user, "user");
    state.run(
        t -> {
          if (!t.users.containsKey(user.id())) {
            throw new NotFoundException("user", user.id());
          }
          checkUnique(t.users.values(), user);
          t.users.put(user.id(), user);
        });
  }

  private static void checkUnique(Iterable<User> existing, User user) {
    String username = fold(user.username());
    for (User other : existing) {
      if (other.id().equals(user.id())) {
        continue;
      }
      if (fold(other.username()).equals(username)) {
        throw new DuplicateKeyException("user", "username", user.username());
      }
      if (user.email() != null
          && other.email() != null
          && fold(user.email()).equals(fold(other.email()))) {
        throw new DuplicateKeyException("user", "email", user.email());
      }
    }
  }

  /** Usernames and emails compare case-insensitively. */
  private static String fold(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  @Override
  public Optional<User> findById(String id) {
    Objects.requireNonNull(id, "id");
    return state.call(t -> Optional.ofNullable(t.users.get(id)));
  }

  @Override
  public Optional<User> findByUsername(String username) {
    String folded = fold(Objects.requireNonNull(username, "username"));
    return state.call(
        t -> t.users.values().stream().filter(u -> fold(u.username()).equals(folded)).findFirst());
  }

  @Override
  public Optional<User> findByEmail(String email) {
    String folded = fold(Objects.requireNonNull(email, "email"));
    return state.call(
        t ->
            t.users.values().stream()
                .filter(u -> u.email() != null && fold(u.email()).equals(folded))
                .findFirst());
  }

  @Override
  public Page<User> list(PageRequest request, Filter filter) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(filter, "filter");
    return state.call(
        t -> PAGING.page(t.users.values().stream().filter(filter::matches).toList(), request));
  }

  @Override
  public long count() {
    return state.call(t -> (long) t.users.size());
  }

  @Override
  public boolean delete(String id) {
    Objects.requireNonNull(id, "id");
    return state.call(t -> t.deleteUser(id));
  }

  @Override
  public long countEnabledAdmins() {
    return state.call(
        t -> t.users.values().stream().filter(u -> u.admin() && !u.disabled()).count());
  }
}

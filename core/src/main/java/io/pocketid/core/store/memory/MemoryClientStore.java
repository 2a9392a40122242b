package io.pocketid.core.store.memory;

import io.pocketid.core.model.OidcClient;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.OidcClientStore;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

final class MemoryClientStore implements OidcClientStore {
  private static final Paging<OidcClient> PAGING =
      new Paging<>(
          Map.of(
              "name", Paging.text(OidcClient::name),
              "createdAt", Paging.natural(OidcClient::createdAt)),
          Sort.asc("name"),
          List.of(OidcClient::name),
          Comparator.comparing(OidcClient::id));

  private final MemoryState state;

  MemoryClientStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void create(OidcClient client) {
    Objects.requireNonNull(client, "client");
    state.run(
        t -> {
          if (t.clients.containsKey(client.id())) {
            throw new DuplicateKeyException("client", "id", client.id());
          }
          t.clients.put(client.id(), client);
        });
  }

  @Override
  public void update(OidcClient client) {
    Objects.requireNonNull(client, "client");
    state.run(
        t -> {
          requireClient(t, client.id());
          t.clients.put(client.id(), client);
        });
  }

  private static void requireClient(Tables t, String clientId) {
    if (!t.clients.containsKey(clientId)) {
      throw new NotFoundException("client", clientId);
    }
  }

  @Override
  public Optional<OidcClient> findById(String id) {
    Objects.requireNonNull(id, "id");
    return state.call(t -> Optional.ofNullable(t.clients.get(id)));
  }

  @Override
  public boolean replaceSecretHash(String id, String expected, String replacement) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(replacement, "replacement");
    return state.call(
        t -> {
          OidcClient current = t.clients.get(id);
          if (current == null || !expected.equals(current.secretHash())) {
            return false;
          }
          t.clients.put(id, current.withSecretHash(replacement));
          return true;
        });
  }

  @Override
  public Page<OidcClient> list(PageRequest request, Filter filter) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(filter, "filter");
    return state.call(
        t -> {
          Paging<OidcClient> paging =
              new Paging<>(
                  Map.of(
                      "name", Paging.text(OidcClient::name),
                      "createdAt", Paging.natural(OidcClient::createdAt),
                      "allowedUserGroupsCount",
                          Paging.natural(
                              c -> t.clientGroups.getOrDefault(c.id(), List.of()).size())),
                  Sort.asc("name"),
                  List.of(OidcClient::name),
                  Comparator.comparing(OidcClient::id));
          return paging.page(t.clients.values().stream().filter(filter::matches).toList(), request);
        });
  }

  @Override
  public boolean delete(String id) {
    Objects.requireNonNull(id, "id");
    return state.call(t -> t.deleteClient(id));
  }

  @Override
  public void setAllowedGroups(String clientId, List<String> groupIds) {
    Objects.requireNonNull(clientId, "clientId");
    List<String> ids = groupIds.stream().distinct().sorted().toList();
    state.run(
        t -> {
          requireClient(t, clientId);
          ids.forEach(id -> MemoryGroupStore.requireGroup(t, id));
          if (ids.isEmpty()) {
            t.clientGroups.remove(clientId);
          } else {
            t.clientGroups.put(clientId, ids);
          }
        });
  }

  @Override
  public List<String> allowedGroupIds(String clientId) {
    Objects.requireNonNull(clientId, "clientId");
    return state.call(t -> t.clientGroups.getOrDefault(clientId, List.of()));
  }

  @Override
  public Page<OidcClient> listAccessible(String userId, PageRequest request) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(request, "request");
    return state.call(
        t -> {
          Set<String> groupsOfUser = new HashSet<>();
          for (Tables.Membership m : t.memberships) {
            if (m.userId().equals(userId)) {
              groupsOfUser.add(m.groupId());
            }
          }
          List<OidcClient> accessible =
              t.clients.values().stream()
                  .filter(
                      c -> {
                        List<String> allowed = t.clientGroups.getOrDefault(c.id(), List.of());
                        return allowed.isEmpty()
                            || allowed.stream().anyMatch(groupsOfUser::contains);
                      })
                  .toList();
          return PAGING.page(accessible, request);
        });
  }
}

package io.pocketid.storage.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.pocketid.core.model.OidcClient;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.OidcClientStore;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import io.pocketid.core.store.StorageException;
import io.pocketid.storage.jdbc.internal.ListQuery.Column;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;

/** {@link OidcClientStore} on {@code oidc_clients} and {@code oidc_clients_allowed_user_groups}. */
public final class JdbcClientStore implements OidcClientStore {
  private static final Map<String, Column> SORTABLE =
      Map.of("name", Column.text("name"), "createdAt", Column.plain("created_at"));
  private static final Map<String, Column> LIST_SORTABLE =
      Map.of(
          "name",
          Column.text("name"),
          "createdAt",
          Column.plain("created_at"),
          "allowedUserGroupsCount",
          Column.plain(
              "(SELECT COUNT(*) FROM oidc_clients_allowed_user_groups a"
                  + " WHERE a.oidc_client_id = oidc_clients.id)"));

  private final Db db;

  public JdbcClientStore(Db db) {
    this.db = db;
  }

  private static OidcMapper m(SqlSession s) {
    return s.getMapper(OidcMapper.class);
  }

  @Override
  public void create(OidcClient client) {
    requireNonNull(client, "client");
    try {
      db.executeGuarded(s -> m(s).insertClient(client));
    } catch (RuntimeException e) {
      if (Errors.isForeignKey(e)) {
        throw new NotFoundException("user", String.valueOf(client.createdById()));
      }
      throw Errors.onWrite(e, "client", Map.of("id", client.id()));
    }
  }

  @Override
  public void update(OidcClient client) {
    requireNonNull(client, "client");
    int n;
    try {
      n = db.guarded(s -> m(s).updateClient(client));
    } catch (RuntimeException e) {
      if (Errors.isForeignKey(e)) {
        throw new NotFoundException("user", String.valueOf(client.createdById()));
      }
      throw Errors.onWrite(e, "client", Map.of("id", client.id()));
    }
    if (n == 0) {
      throw new NotFoundException("client", client.id());
    }
  }

  @Override
  public Optional<OidcClient> findById(String id) {
    requireNonNull(id, "id");
    return Optional.ofNullable(db.read(s -> m(s).findClient(id)));
  }

  @Override
  public boolean replaceSecretHash(String id, String expected, String replacement) {
    requireNonNull(id, "id");
    requireNonNull(expected, "expected");
    requireNonNull(replacement, "replacement");
    return db.write(s -> m(s).replaceClientSecret(id, expected, replacement)) > 0;
  }

  @Override
  public Page<OidcClient> list(PageRequest request, Filter filter) {
    requireNonNull(request, "request");
    requireNonNull(filter, "filter");
    ListQuery q = ListQuery.of(db.dialect(), request, LIST_SORTABLE, Sort.asc("name"), "id");
    Boolean pkce = filter.pkceEnabled();
    Boolean reauth = filter.requiresReauthentication();
    return db.readSnapshot(
        s ->
            new Page<>(
                m(s).listClients(q, pkce, reauth),
                m(s).countClientList(q, pkce, reauth),
                request.page(),
                request.size()));
  }

  @Override
  public Page<OidcClient> listAccessible(String userId, PageRequest request) {
    requireNonNull(userId, "userId");
    requireNonNull(request, "request");
    ListQuery q = ListQuery.of(db.dialect(), request, SORTABLE, Sort.asc("name"), "id");
    return db.readSnapshot(
        s ->
            new Page<>(
                m(s).listAccessibleClients(userId, q),
                m(s).countAccessibleClients(userId, q),
                request.page(),
                request.size()));
  }

  @Override
  public boolean delete(String id) {
    requireNonNull(id, "id");
    return db.write(s -> m(s).deleteClient(id)) > 0;
  }

  @Override
  public void setAllowedGroups(String clientId, List<String> groupIds) {
    requireNonNull(clientId, "clientId");
    Parents.nonNull(groupIds, "groupIds");
    try {
      db.inTransaction(
          () -> {
            db.executeGuarded(
                s -> {
                  Parents.lockOwner(s, "client", "oidc_clients", clientId);
                  Parents.requireAll(s, "group", "user_groups", groupIds);
                  m(s).deleteAllowedGroups(clientId);
                  for (String groupId : new LinkedHashSet<>(groupIds)) {
                    m(s).insertAllowedGroup(clientId, groupId);
                  }
                });
            return null;
          });
    } catch (StorageException e) {
      throw e;
    } catch (RuntimeException e) {
      if (Errors.isForeignKey(e)) {
        throw Errors.onMissingParent(
            e, List.of(new Errors.Parent("client", "oidc_clients", clientId)), p -> true);
      }
      throw Errors.wrap(e);
    }
  }

  @Override
  public List<String> allowedGroupIds(String clientId) {
    requireNonNull(clientId, "clientId");
    return db.read(s -> m(s).allowedGroupIds(clientId));
  }
}

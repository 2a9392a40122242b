package io.pocketid.core.store;

import io.pocketid.core.model.OidcClient;
import java.util.List;
import java.util.Optional;

/**
 * OIDC clients. Deleting a client deletes its authorization codes, refresh tokens, device codes,
 * consents and group restrictions.
 */
public interface OidcClientStore {
  /**
   * @throws DuplicateKeyException key {@code id}
   */
  void create(OidcClient client);

  /**
   * @throws NotFoundException when no such client
   */
  void update(OidcClient client);

  Optional<OidcClient> findById(String id);

  /**
   * Replaces the client's stored secret hash with {@code replacement} only if it still is {@code
   * expected} (compare-and-set; used to upgrade a bcrypt hash to the fast form on its first
   * successful use). Touches no other column.
   *
   * @return whether the hash was replaced (false when the client is gone or its hash changed)
   */
  boolean replaceSecretHash(String id, String expected, String replacement);

  /**
   * A page of clients. Search matches the name. Sortable: {@code name}, {@code createdAt}, {@code
   * allowedUserGroupsCount}; default order: name.
   */
  default Page<OidcClient> list(PageRequest request) {
    return list(request, Filter.NONE);
  }

  /** As {@link #list(PageRequest)}, only the clients that match {@code filter}. */
  Page<OidcClient> list(PageRequest request, Filter filter);

  /**
   * Pocket ID's client list filters ({@code filters[pkceEnabled]}, {@code
   * filters[requiresReauthentication]}); null: either.
   */
  record Filter(Boolean pkceEnabled, Boolean requiresReauthentication) {
    /** No filter. */
    public static final Filter NONE = new Filter(null, null);

    /** Whether {@code client} matches. */
    public boolean matches(OidcClient client) {
      return (pkceEnabled == null || pkceEnabled == client.pkceEnabled())
          && (requiresReauthentication == null
              || requiresReauthentication == client.requiresReauthentication());
    }
  }

  /**
   * @return whether a client was deleted
   */
  boolean delete(String id);

  /**
   * Replaces the groups allowed to use the client; an empty list means everybody may.
   *
   * @throws NotFoundException when the client or one of the groups does not exist
   */
  void setAllowedGroups(String clientId, List<String> groupIds);

  /** Ids of the groups allowed to use the client, ordered; empty when unrestricted. */
  List<String> allowedGroupIds(String clientId);

  /**
   * A page of the clients a user may use: those without a group restriction and those that allow
   * one of the user's groups. Search and sort as {@link #list}.
   */
  Page<OidcClient> listAccessible(String userId, PageRequest request);
}

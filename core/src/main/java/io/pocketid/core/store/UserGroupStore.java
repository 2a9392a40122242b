package io.pocketid.core.store;

import io.pocketid.core.model.GroupAccess;
import io.pocketid.core.model.UserGroup;
import java.util.List;
import java.util.Optional;

/**
 * User groups and memberships. Group names are unique. Deleting a group removes its memberships,
 * its custom claims and its client restrictions.
 */
public interface UserGroupStore {
  /**
   * @throws DuplicateKeyException key {@code id} or {@code name}
   */
  void create(UserGroup group);

  /**
   * @throws NotFoundException when no such group
   * @throws DuplicateKeyException key {@code name}
   */
  void update(UserGroup group);

  Optional<UserGroup> findById(String id);

  Optional<UserGroup> findByName(String name);

  /**
   * A page of groups. Search matches name and friendly name. Sortable: {@code name}, {@code
   * friendlyName}, {@code createdAt}; default order: name.
   */
  Page<UserGroup> list(PageRequest request);

  /**
   * @return whether a group was deleted
   */
  boolean delete(String id);

  /**
   * Replaces the groups a user belongs to.
   *
   * @throws NotFoundException when the user or one of the groups does not exist
   */
  void setGroupsOfUser(String userId, List<String> groupIds);

  /**
   * Replaces the members of a group.
   *
   * @throws NotFoundException when the group or one of the users does not exist
   */
  void setMembers(String groupId, List<String> userIds);

  /** The user's groups ordered by name; empty for an unknown user. */
  List<UserGroup> groupsOfUser(String userId);

  /**
   * The user's groups ({@link #groupsOfUser}) and the client's allowed groups ({@link
   * OidcClientStore#allowedGroupIds}) in one read. An unknown user or client reads as having none.
   */
  GroupAccess groupAccess(String userId, String clientId);

  /** Ids of the group's members ordered by id; empty for an unknown group. */
  List<String> memberIds(String groupId);
}

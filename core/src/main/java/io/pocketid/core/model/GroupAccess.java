package io.pocketid.core.model;

import java.util.List;

/**
 * A user's groups and a client's group restriction, read together: the token endpoint needs both
 * (the restriction decides, the groups go into the claims).
 *
 * @param userGroups the user's groups, by name then id (as {@code groupsOfUser})
 * @param allowedGroupIds the groups the client admits, sorted; empty when it admits every user
 */
public record GroupAccess(List<UserGroup> userGroups, List<String> allowedGroupIds) {
  public GroupAccess {
    userGroups = List.copyOf(userGroups);
    allowedGroupIds = List.copyOf(allowedGroupIds);
  }

  /** Whether the client's restriction lets the user in: no restriction, or a shared group. */
  public boolean admits() {
    return allowedGroupIds.isEmpty()
        || userGroups.stream().anyMatch(group -> allowedGroupIds.contains(group.id()));
  }
}

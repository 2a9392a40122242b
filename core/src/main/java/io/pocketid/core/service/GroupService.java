package io.pocketid.core.service;

import io.pocketid.core.model.UserGroup;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.UserGroupStore;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * User groups: create, rename, delete, list, membership. A group's {@code name} is unique and
 * appears in the {@code groups} claim; its friendly name is what people see.
 */
public final class GroupService {
  /** Pocket ID's limit for a group name. */
  public static final int GROUP_NAME_MAX = 255;

  private final UserGroupStore groups;
  private final Clock clock;

  public GroupService(UserGroupStore groups, Clock clock) {
    this.groups = Objects.requireNonNull(groups, "groups");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Page<UserGroup> list(PageRequest request) {
    return groups.list(request);
  }

  /**
   * @throws ServiceException NOT_FOUND
   */
  public UserGroup get(String id) {
    return groups
        .findById(id)
        .orElseThrow(() -> new ServiceException(ServiceError.NOT_FOUND, "Record not found"));
  }

  /** The groups a user belongs to, ordered by name. */
  public List<UserGroup> groupsOf(String userId) {
    return groups.groupsOfUser(userId);
  }

  /**
   * @throws ServiceException INVALID_INPUT for a bad name; ALREADY_IN_USE for a taken name
   */
  public UserGroup create(String friendlyName, String name) {
    UserGroup group =
        new UserGroup(
            UUID.randomUUID().toString(),
            clock.instant().truncatedTo(ChronoUnit.MILLIS),
            checkedFriendlyName(friendlyName),
            checkedName(name),
            null);
    try {
      groups.create(group);
    } catch (DuplicateKeyException e) {
      throw nameInUse();
    }
    return group;
  }

  /**
   * @throws ServiceException INVALID_INPUT, ALREADY_IN_USE, NOT_FOUND
   */
  public UserGroup rename(String id, String friendlyName, String name) {
    String friendly = checkedFriendlyName(friendlyName);
    String checked = checkedName(name);
    UserGroup current = get(id);
    UserGroup renamed =
        new UserGroup(current.id(), current.createdAt(), friendly, checked, current.ldapId());
    try {
      groups.update(renamed);
    } catch (DuplicateKeyException e) {
      throw nameInUse();
    } catch (NotFoundException e) {
      throw new ServiceException(ServiceError.NOT_FOUND, "Record not found");
    }
    return renamed;
  }

  /**
   * @throws ServiceException NOT_FOUND
   */
  public void delete(String id) {
    if (!groups.delete(id)) {
      throw new ServiceException(ServiceError.NOT_FOUND, "Record not found");
    }
  }

  /**
   * Replaces the members of a group.
   *
   * @throws ServiceException NOT_FOUND for an unknown group or user
   */
  public void setMembers(String groupId, List<String> userIds) {
    try {
      groups.setMembers(groupId, List.copyOf(userIds));
    } catch (NotFoundException e) {
      throw new ServiceException(ServiceError.NOT_FOUND, "Record not found");
    }
  }

  private static String checkedFriendlyName(String friendlyName) {
    return TextRules.requiredName("FriendlyName", friendlyName, TextRules.NAME_MAX);
  }

  private static String checkedName(String name) {
    String checked = TextRules.requiredName("Name", name, GROUP_NAME_MAX);
    if (checked.length() < 2) {
      throw new ServiceException(ServiceError.INVALID_INPUT, "Name must be at least 2 characters");
    }
    return checked;
  }

  private static ServiceException nameInUse() {
    return new ServiceException(ServiceError.ALREADY_IN_USE, "Group name is already in use");
  }
}

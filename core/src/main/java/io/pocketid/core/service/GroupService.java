package io.pocketid.core.service;

import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.store.CustomClaimStore;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.UserGroupStore;
import io.pocketid.core.store.UserStore;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * User groups: create, rename, delete, list, membership. A group's {@code name} is unique and
 * appears in the {@code groups} claim; its friendly name is what people see.
 */
public final class GroupService {
  /** Pocket ID's limit for a group name. */
  public static final int GROUP_NAME_MAX = 255;

  private final UserGroupStore groups;
  private final UserStore users;
  private final CustomClaimStore claims;
  private final Clock clock;

  public GroupService(
      UserGroupStore groups, UserStore users, CustomClaimStore claims, Clock clock) {
    this.groups = Objects.requireNonNull(groups, "groups");
    this.users = Objects.requireNonNull(users, "users");
    this.claims = Objects.requireNonNull(claims, "claims");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A group as listed: its claims and how many members it has. */
  public record GroupSummary(UserGroup group, List<CustomClaim> claims, int userCount) {}

  /** A group with its claims and its members. */
  public record GroupDetails(UserGroup group, List<CustomClaim> claims, List<User> members) {}

  public Page<UserGroup> list(PageRequest request) {
    return groups.list(request);
  }

  /** A page of groups with their claims and member counts. */
  public Page<GroupSummary> summaries(PageRequest request) {
    Page<UserGroup> page = groups.list(request);
    List<GroupSummary> items =
        page.items().stream()
            .map(g -> new GroupSummary(g, claims.forGroup(g.id()), groups.memberIds(g.id()).size()))
            .toList();
    return new Page<>(items, page.totalItems(), page.currentPage(), page.itemsPerPage());
  }

  /**
   * @throws ServiceException NOT_FOUND
   */
  public GroupDetails details(String id) {
    return details(get(id));
  }

  private GroupDetails details(UserGroup group) {
    List<User> members =
        groups.memberIds(group.id()).stream()
            .map(users::findById)
            .flatMap(Optional::stream)
            .sorted(Comparator.comparing(u -> u.username().toLowerCase(Locale.ROOT)))
            .toList();
    return new GroupDetails(group, claims.forGroup(group.id()), members);
  }

  /**
   * The groups of a user, each with its claims and members.
   *
   * @throws ServiceException NOT_FOUND for an unknown user
   */
  public List<GroupDetails> detailsOfGroupsOf(String userId) {
    if (users.findById(userId).isEmpty()) {
      throw new ServiceException(ServiceError.NOT_FOUND, "Record not found");
    }
    return groups.groupsOfUser(userId).stream().map(this::details).toList();
  }

  /**
   * Renames a group and returns it with its claims and members.
   *
   * @throws ServiceException INVALID_INPUT, ALREADY_IN_USE, NOT_FOUND
   */
  public GroupDetails update(String id, String friendlyName, String name) {
    return details(rename(id, friendlyName, name));
  }

  /**
   * The {@code name} Pocket ID's form derives from a friendly name: lower case, every character
   * other than a-z, 0-9 and {@code _} replaced by {@code _}.
   */
  public static String nameFrom(String friendlyName) {
    return friendlyName.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
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
    String friendly = checkedFriendlyName(friendlyName);
    UserGroup group =
        new UserGroup(
            UUID.randomUUID().toString(),
            clock.instant().truncatedTo(ChronoUnit.MILLIS),
            friendly,
            checkedName(name == null || name.isBlank() ? nameFrom(friendly) : name),
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
    if (userIds == null) {
      throw new ServiceException(ServiceError.INVALID_INPUT, "UserIds is required");
    }
    try {
      groups.setMembers(groupId, List.copyOf(userIds));
    } catch (NotFoundException e) {
      throw new ServiceException(ServiceError.NOT_FOUND, "Record not found");
    }
  }

  /**
   * Replaces the members of a group and returns it with its members.
   *
   * @throws ServiceException INVALID_INPUT when the list is missing; NOT_FOUND for an unknown group
   *     or user
   */
  public GroupDetails replaceMembers(String groupId, List<String> userIds) {
    setMembers(groupId, userIds);
    return details(groupId);
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
    return new ServiceException(ServiceError.ALREADY_IN_USE, "Name is already in use");
  }
}

package io.pocketid.core.service;

import io.pocketid.core.auth.LoginCodeService;
import io.pocketid.core.config.AppConfigKey;
import io.pocketid.core.config.AppConfigService;
import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.model.User;
import io.pocketid.core.store.CustomClaimStore;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.RefreshTokenStore;
import io.pocketid.core.store.SessionStore;
import io.pocketid.core.store.Transactions;
import io.pocketid.core.store.UserGroupStore;
import io.pocketid.core.store.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Users as an administrator manages them (Pocket ID's admin routes under {@code /api/users}): list,
 * create (with the signup defaults), update (including the admin and disabled flags), delete, group
 * membership and login codes for them.
 *
 * <p>Beyond Pocket ID v1.15: the last enabled administrator can be neither deleted, demoted nor
 * disabled, an administrator cannot delete their own account, and disabling a user ends their
 * browser sessions and revokes their refresh tokens at once (in the same transaction).
 */
public final class UserAdminService {
  private final Transactions tx;
  private final UserStore users;
  private final UserGroupStore groups;
  private final CustomClaimStore claims;
  private final SessionStore sessions;
  private final RefreshTokenStore refreshTokens;
  private final LoginCodeService loginCodes;
  private final UserService profiles;
  private final AppConfigService config;
  private final Supplier<SignupDefaults> defaults;
  private final ImageService images;
  private final Clock clock;

  public UserAdminService(
      Transactions tx,
      UserStore users,
      UserGroupStore groups,
      CustomClaimStore claims,
      SessionStore sessions,
      RefreshTokenStore refreshTokens,
      LoginCodeService loginCodes,
      UserService profiles,
      AppConfigService config,
      Supplier<SignupDefaults> defaults,
      ImageService images,
      Clock clock) {
    this.tx = Objects.requireNonNull(tx, "tx");
    this.users = Objects.requireNonNull(users, "users");
    this.groups = Objects.requireNonNull(groups, "groups");
    this.claims = Objects.requireNonNull(claims, "claims");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
    this.loginCodes = Objects.requireNonNull(loginCodes, "loginCodes");
    this.profiles = Objects.requireNonNull(profiles, "profiles");
    this.config = Objects.requireNonNull(config, "config");
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.images = Objects.requireNonNull(images, "images");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * What an administrator sends for a user (Pocket ID's {@code UserCreateDto}).
   *
   * @param email nullable
   * @param lastName nullable
   * @param locale nullable
   */
  public record UserDraft(
      String username,
      String email,
      String firstName,
      String lastName,
      String displayName,
      boolean admin,
      String locale,
      boolean disabled) {}

  /** A page of users with their claims and groups. */
  public Page<UserService.UserProfile> list(PageRequest request) {
    return list(request, UserStore.Filter.NONE);
  }

  /** A page of the users that match {@code filter}, with their claims and groups. */
  public Page<UserService.UserProfile> list(PageRequest request, UserStore.Filter filter) {
    Page<User> page = users.list(request, filter);
    return new Page<>(
        page.items().stream().map(profiles::profile).toList(),
        page.totalItems(),
        page.currentPage(),
        page.itemsPerPage());
  }

  /**
   * @throws ServiceException NOT_FOUND
   */
  public UserService.UserProfile get(String id) {
    return profiles.profile(find(id));
  }

  /**
   * Creates a user with the signup defaults (groups and custom claims).
   *
   * @throws ServiceException INVALID_INPUT naming the fields; ALREADY_IN_USE
   */
  public UserService.UserProfile create(UserDraft draft) {
    Checked checked = check(draft);
    User user =
        new User(
            UUID.randomUUID().toString(),
            clock.instant().truncatedTo(ChronoUnit.MILLIS),
            draft.username(),
            checked.email(),
            draft.firstName(),
            checked.lastName(),
            checked.displayName(),
            draft.admin(),
            null,
            checked.locale(),
            draft.disabled());
    tx.inTransaction(
        () -> {
          createWithDefaults(user);
          return null;
        });
    return profiles.profile(user);
  }

  /**
   * Stores a new user and gives them the signup defaults; the caller runs it in a transaction.
   *
   * @throws ServiceException ALREADY_IN_USE for a taken username or email
   */
  void createWithDefaults(User user) {
    try {
      users.create(user);
    } catch (DuplicateKeyException e) {
      throw inUse(e);
    }
    SignupDefaults given = defaults.get();
    List<String> groupIds = new ArrayList<>();
    for (String groupId : given.groupIds()) {
      if (groups.findById(groupId).isPresent()) {
        groupIds.add(groupId);
      }
    }
    if (!groupIds.isEmpty()) {
      groups.setGroupsOfUser(user.id(), groupIds);
    }
    List<CustomClaim> defaultClaims = new ArrayList<>();
    for (CustomClaim claim : given.claims()) {
      if (!CustomClaimService.RESERVED.contains(claim.key())
          && defaultClaims.stream().noneMatch(c -> c.key().equals(claim.key()))) {
        defaultClaims.add(claim);
      }
    }
    if (!defaultClaims.isEmpty()) {
      claims.replaceForUser(user.id(), defaultClaims);
    }
  }

  /**
   * Updates a user. An LDAP user, while LDAP is enabled, only changes the locale (Pocket ID).
   * Disabling a user ends their sessions and revokes their refresh tokens.
   *
   * @throws ServiceException INVALID_INPUT naming the field (also for removing the last enabled
   *     administrator); ALREADY_IN_USE; NOT_FOUND
   */
  public UserService.UserProfile update(String id, UserDraft draft) {
    User current = find(id);
    Checked checked = check(draft);
    User updated;
    if (current.ldapId() != null && config.bool(AppConfigKey.LDAP_ENABLED)) {
      updated = current.withLocale(checked.locale());
    } else {
      updated =
          current
              .withNames(
                  draft.username(), draft.firstName(), checked.lastName(), checked.displayName())
              .withEmail(checked.email())
              .withLocale(checked.locale())
              .withAdmin(draft.admin())
              .withDisabled(draft.disabled());
    }
    boolean losesAdmin =
        current.admin() && !current.disabled() && (!updated.admin() || updated.disabled());
    boolean disabling = updated.disabled() && !current.disabled();
    User stored = updated;
    tx.inTransaction(
        () -> {
          if (losesAdmin && users.countEnabledAdmins() <= 1) {
            throw new ServiceException(
                ServiceError.INVALID_INPUT,
                updated.disabled()
                    ? "Disabled: the last administrator can't be disabled"
                    : "IsAdmin: the last administrator must stay an administrator");
          }
          try {
            users.update(stored);
          } catch (DuplicateKeyException e) {
            throw inUse(e);
          } catch (NotFoundException e) {
            throw CustomClaimService.notFound();
          }
          if (disabling) {
            sessions.deleteForUser(id);
            refreshTokens.deleteForUser(id);
          }
          return null;
        });
    return profiles.profile(stored);
  }

  /**
   * Deletes a user and everything that is theirs.
   *
   * @throws ServiceException INVALID_INPUT for one's own account or the last enabled administrator;
   *     FORBIDDEN for an LDAP user while LDAP is enabled; NOT_FOUND
   */
  public void delete(User actor, String id) {
    if (actor.id().equals(id)) {
      throw new ServiceException(ServiceError.INVALID_INPUT, "You can't delete your own account");
    }
    User target = find(id);
    if (target.ldapId() != null && config.bool(AppConfigKey.LDAP_ENABLED)) {
      throw new ServiceException(ServiceError.FORBIDDEN, "LDAP users can't be deleted");
    }
    tx.inTransaction(
        () -> {
          if (target.admin() && !target.disabled() && users.countEnabledAdmins() <= 1) {
            throw new ServiceException(
                ServiceError.INVALID_INPUT, "The last administrator can't be deleted");
          }
          if (!users.delete(id)) {
            throw CustomClaimService.notFound();
          }
          return null;
        });
    images.removeProfilePicture(id);
  }

  /**
   * Replaces the groups of a user.
   *
   * @throws ServiceException INVALID_INPUT when the list is missing; NOT_FOUND for an unknown user
   *     or group
   */
  public UserService.UserProfile setGroups(String id, List<String> groupIds) {
    if (groupIds == null) {
      throw new ServiceException(ServiceError.INVALID_INPUT, "UserGroupIds is required");
    }
    User user = find(id);
    try {
      groups.setGroupsOfUser(id, List.copyOf(groupIds));
    } catch (NotFoundException e) {
      throw CustomClaimService.notFound();
    }
    return profiles.profile(user);
  }

  /**
   * A login code for another user (Pocket ID's admin one-time access token): the user comes from
   * the path, not from the body (Pocket ID v1.15 used the body's {@code userId}, §10).
   *
   * @param ttl nullable: 15 minutes
   * @throws ServiceException INVALID_INPUT for a lifetime outside (1 s, 31 days]; NOT_FOUND
   */
  public String createLoginCode(String userId, Duration ttl) {
    Duration lifetime = ttl == null ? LoginCodeService.SHORT_CODE_MAX_TTL : ttl;
    if (lifetime.compareTo(Duration.ofSeconds(1)) <= 0
        || lifetime.compareTo(LoginCodeService.MAX_TTL) > 0) {
      throw new ServiceException(
          ServiceError.INVALID_INPUT, "Ttl must be more than 1 second and at most 31 days");
    }
    User user = find(userId);
    if (user.disabled()) {
      throw new ServiceException(ServiceError.INVALID_INPUT, "User account is disabled");
    }
    return loginCodes.create(user.id(), lifetime);
  }

  private User find(String id) {
    return users.findById(id).orElseThrow(CustomClaimService::notFound);
  }

  private record Checked(String email, String lastName, String displayName, String locale) {}

  private Checked check(UserDraft draft) {
    String email = blankToNull(draft.email());
    new UserInputRules()
        .username(draft.username())
        .optionalEmail(email)
        .firstName(draft.firstName())
        .lastName(draft.lastName())
        .check();
    String displayName =
        TextRules.requiredName("DisplayName", draft.displayName(), UserService.DISPLAY_NAME_MAX);
    if (email == null && config.requireUserEmail()) {
      throw new ServiceException(ServiceError.INVALID_INPUT, "Email is required");
    }
    return new Checked(
        email,
        blankToNull(draft.lastName()),
        displayName,
        UserService.checkedLocale(draft.locale()));
  }

  static ServiceException inUse(DuplicateKeyException e) {
    return new ServiceException(
        ServiceError.ALREADY_IN_USE,
        "email".equals(e.key()) ? "Email is already in use" : "Username is already in use");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}

package io.pocketid.core.service;

import io.pocketid.core.auth.LoginCodeService;
import io.pocketid.core.config.AppConfigKey;
import io.pocketid.core.config.AppConfigService;
import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.store.CustomClaimStore;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.UserGroupStore;
import io.pocketid.core.store.UserStore;
import java.util.List;
import java.util.Objects;

/**
 * Users as they see themselves: their profile (with custom claims and groups), the changes {@code
 * PUT /api/users/me} may make, and login codes for their own account.
 */
public final class UserService {
  /** Pocket ID allows display names twice as long as first and last names. */
  static final int DISPLAY_NAME_MAX = 100;

  private final UserStore users;
  private final UserGroupStore groups;
  private final CustomClaimStore claims;
  private final LoginCodeService loginCodes;
  private final AppConfigService config;

  public UserService(
      UserStore users,
      UserGroupStore groups,
      CustomClaimStore claims,
      LoginCodeService loginCodes,
      AppConfigService config) {
    this.users = Objects.requireNonNull(users, "users");
    this.groups = Objects.requireNonNull(groups, "groups");
    this.claims = Objects.requireNonNull(claims, "claims");
    this.loginCodes = Objects.requireNonNull(loginCodes, "loginCodes");
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A user with their custom claims and their groups (each with its claims). */
  public record UserProfile(User user, List<CustomClaim> claims, List<GroupProfile> groups) {}

  /** A group with its custom claims. */
  public record GroupProfile(UserGroup group, List<CustomClaim> claims) {}

  public UserProfile profile(User user) {
    List<GroupProfile> memberOf =
        groups.groupsOfUser(user.id()).stream()
            .map(g -> new GroupProfile(g, claims.forGroup(g.id())))
            .toList();
    return new UserProfile(user, claims.forUser(user.id()), memberOf);
  }

  /**
   * Applies an update of the user's own account under the settings in force ({@code
   * allowOwnAccountEdit}, {@code requireUserEmail}) and returns the new profile.
   */
  public UserProfile updateOwn(User current, AccountUpdate update) {
    return profile(
        updateOwnAccount(current, update, config.allowOwnAccountEdit(), config.requireUserEmail()));
  }

  /** A login code for the user's own account, valid {@link LoginCodeService#SHORT_CODE_MAX_TTL}. */
  public String createOwnLoginCode(User user) {
    return loginCodes.create(user.id(), LoginCodeService.SHORT_CODE_MAX_TTL);
  }

  /** Whether users may ask for a login code by email ({@code /login/alternative/email}). */
  public boolean emailLoginCodesEnabled() {
    return config.bool(AppConfigKey.EMAIL_ONE_TIME_ACCESS_AS_UNAUTHENTICATED_ENABLED);
  }

  /** Whether the user may edit their own names and email (else only the locale). */
  public boolean mayEditOwnAccount(User user) {
    return config.allowOwnAccountEdit() && user.ldapId() == null;
  }

  /**
   * The fields a user may send for their own account.
   *
   * @param email nullable
   * @param lastName nullable
   * @param locale nullable
   */
  public record AccountUpdate(
      String username,
      String email,
      String firstName,
      String lastName,
      String displayName,
      String locale) {}

  /**
   * Applies an update of a user's own account. Admin and disabled flags are never touched here.
   *
   * @param allowEdit the {@code allowOwnAccountEdit} setting; when false (or for LDAP users) only
   *     the locale changes, as in Pocket ID
   * @param requireEmail the {@code requireUserEmail} setting
   * @throws ServiceException INVALID_INPUT naming the fields; ALREADY_IN_USE for a taken username
   *     or email
   */
  public User updateOwnAccount(
      User current, AccountUpdate update, boolean allowEdit, boolean requireEmail) {
    String locale = checkedLocale(update.locale());
    User updated;
    if (!allowEdit || current.ldapId() != null) {
      updated = current.withLocale(locale);
    } else {
      String email = blankToNull(update.email());
      UserInputRules rules =
          new UserInputRules()
              .username(update.username())
              .optionalEmail(email)
              .firstName(update.firstName())
              .lastName(update.lastName());
      rules.check();
      String displayName =
          TextRules.requiredName("DisplayName", update.displayName(), DISPLAY_NAME_MAX);
      if (requireEmail && email == null) {
        throw new ServiceException(ServiceError.INVALID_INPUT, "Email is required");
      }
      updated =
          current
              .withNames(
                  update.username(),
                  update.firstName(),
                  blankToNull(update.lastName()),
                  displayName)
              .withEmail(email)
              .withLocale(locale);
    }
    try {
      users.update(updated);
    } catch (DuplicateKeyException e) {
      throw UserAdminService.inUse(e);
    }
    return updated;
  }

  /**
   * A locale as sent, null when blank.
   *
   * @throws ServiceException INVALID_INPUT "Locale is invalid"
   */
  static String checkedLocale(String value) {
    String locale = blankToNull(value);
    if (locale != null
        && (locale.length() > 10 || !locale.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*"))) {
      throw new ServiceException(ServiceError.INVALID_INPUT, "Locale is invalid");
    }
    return locale;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}

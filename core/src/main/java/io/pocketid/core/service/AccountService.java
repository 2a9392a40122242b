package io.pocketid.core.service;

import io.pocketid.core.model.User;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.Storage;
import java.util.Objects;

/** A user's own account: the changes {@code PUT /api/users/me} may make. */
public final class AccountService {
  /** Pocket ID allows display names twice as long as first and last names. */
  static final int DISPLAY_NAME_MAX = 100;

  private final Storage storage;

  public AccountService(Storage storage) {
    this.storage = Objects.requireNonNull(storage, "storage");
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
    String locale = blankToNull(update.locale());
    if (locale != null
        && (locale.length() > 10 || !locale.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*"))) {
      throw new ServiceException(ServiceError.INVALID_INPUT, "Locale is invalid");
    }
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
      storage.users().update(updated);
    } catch (DuplicateKeyException e) {
      throw new ServiceException(
          ServiceError.ALREADY_IN_USE,
          e.key().equals("email") ? "Email is already in use" : "Username is already in use");
    }
    return updated;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}

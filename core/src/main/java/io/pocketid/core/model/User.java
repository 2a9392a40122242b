package io.pocketid.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A person who signs in with passkeys.
 *
 * @param id UUID
 * @param createdAt creation time
 * @param username unique case-insensitively
 * @param email unique case-insensitively, stored as typed; nullable
 * @param firstName nullable
 * @param lastName nullable
 * @param displayName never null (may be empty)
 * @param admin whether the user administers the instance
 * @param ldapId id of the LDAP entry this user was synced from, nullable
 * @param locale BCP 47 tag, nullable
 * @param disabled a disabled user cannot sign in
 */
public record User(
    String id,
    Instant createdAt,
    String username,
    String email,
    String firstName,
    String lastName,
    String displayName,
    boolean admin,
    String ldapId,
    String locale,
    boolean disabled) {
  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(displayName, "displayName");
  }

  public User withEmail(String newEmail) {
    return new User(
        id,
        createdAt,
        username,
        newEmail,
        firstName,
        lastName,
        displayName,
        admin,
        ldapId,
        locale,
        disabled);
  }

  public User withDisabled(boolean newDisabled) {
    return new User(
        id,
        createdAt,
        username,
        email,
        firstName,
        lastName,
        displayName,
        admin,
        ldapId,
        locale,
        newDisabled);
  }

  public User withAdmin(boolean newAdmin) {
    return new User(
        id,
        createdAt,
        username,
        email,
        firstName,
        lastName,
        displayName,
        newAdmin,
        ldapId,
        locale,
        disabled);
  }

  public User withNames(String newUsername, String newFirst, String newLast, String newDisplay) {
    return new User(
        id,
        createdAt,
        newUsername,
        email,
        newFirst,
        newLast,
        newDisplay,
        admin,
        ldapId,
        locale,
        disabled);
  }

  public User withLocale(String newLocale) {
    return new User(
        id,
        createdAt,
        username,
        email,
        firstName,
        lastName,
        displayName,
        admin,
        ldapId,
        newLocale,
        disabled);
  }
}

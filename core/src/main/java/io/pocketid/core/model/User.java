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

  /**
   * A builder for a new user: a random id, created now (truncated to milliseconds, as stores keep
   * it), the display name from the first and last name unless set; only the username is required.
   */
  public static Builder builder(String username) {
    return new Builder(username);
  }

  /** The same user as a builder, to change some fields. */
  public Builder toBuilder() {
    return new Builder(username)
        .id(id)
        .createdAt(createdAt)
        .email(email)
        .firstName(firstName)
        .lastName(lastName)
        .displayName(displayName)
        .admin(admin)
        .ldapId(ldapId)
        .locale(locale)
        .disabled(disabled);
  }

  /** Builds a {@link User} by name instead of eleven positional arguments. */
  public static final class Builder {
    private String id = java.util.UUID.randomUUID().toString();
    private Instant createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    private String username;
    private String email;
    private String firstName;
    private String lastName;
    private String displayName;
    private boolean admin;
    private String ldapId;
    private String locale;
    private boolean disabled;

    private Builder(String username) {
      this.username = Objects.requireNonNull(username, "username");
    }

    public Builder id(String value) {
      this.id = Objects.requireNonNull(value, "id");
      return this;
    }

    public Builder createdAt(Instant value) {
      this.createdAt = Objects.requireNonNull(value, "createdAt");
      return this;
    }

    public Builder username(String value) {
      this.username = Objects.requireNonNull(value, "username");
      return this;
    }

    public Builder email(String value) {
      this.email = value;
      return this;
    }

    public Builder firstName(String value) {
      this.firstName = value;
      return this;
    }

    public Builder lastName(String value) {
      this.lastName = value;
      return this;
    }

    /** The display name; when never set, "first last" (trimmed), as Pocket ID derives it. */
    public Builder displayName(String value) {
      this.displayName = value;
      return this;
    }

    public Builder admin(boolean value) {
      this.admin = value;
      return this;
    }

    public Builder ldapId(String value) {
      this.ldapId = value;
      return this;
    }

    public Builder locale(String value) {
      this.locale = value;
      return this;
    }

    public Builder disabled(boolean value) {
      this.disabled = value;
      return this;
    }

    public User build() {
      String shown =
          displayName != null
              ? displayName
              : ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName))
                  .trim();
      return new User(
          id, createdAt, username, email, firstName, lastName, shown, admin, ldapId, locale,
          disabled);
    }
  }
}

package io.pocketid.core.store;

import io.pocketid.core.model.User;
import java.util.Optional;

/**
 * Users. Usernames are unique case-insensitively; emails are unique case-insensitively when present
 * (stored as given, compared lower-cased: {@code Admin@Example.test} and {@code admin@example.test}
 * are the same address). Both are ASCII (the services validate them), so every backend folds case
 * the same way. Deleting a user deletes everything that belongs to them: passkeys, sessions, login
 * codes, reauthentication tokens, API keys, authorization codes, refresh tokens, device codes they
 * approved, consents, group memberships and their custom claims.
 */
public interface UserStore {
  /**
   * @throws DuplicateKeyException key {@code id}, {@code username} or {@code email}
   */
  void create(User user);

  /**
   * Replaces the stored user with the same id.
   *
   * @throws NotFoundException when no such user
   * @throws DuplicateKeyException key {@code username} or {@code email}
   */
  void update(User user);

  Optional<User> findById(String id);

  /** Case-insensitive match. */
  Optional<User> findByUsername(String username);

  /** Case-insensitive match. */
  Optional<User> findByEmail(String email);

  /**
   * A page of users. Search matches username, email, first, last and display name (case-insensitive
   * substring). Sortable: {@code username}, {@code email}, {@code firstName}, {@code lastName},
   * {@code displayName}, {@code createdAt}; default order: username.
   */
  default Page<User> list(PageRequest request) {
    return list(request, Filter.NONE);
  }

  /** As {@link #list(PageRequest)}, only the users that match {@code filter}. */
  Page<User> list(PageRequest request, Filter filter);

  /**
   * Pocket ID's user list filters ({@code filters[isAdmin]}, {@code filters[disabled]}).
   *
   * @param admin only administrators (true) or only others (false); null: either
   * @param disabled only disabled users (true) or only enabled ones (false); null: either
   */
  record Filter(Boolean admin, Boolean disabled) {
    /** No filter. */
    public static final Filter NONE = new Filter(null, null);

    /** Whether {@code user} matches. */
    public boolean matches(User user) {
      return (admin == null || admin == user.admin())
          && (disabled == null || disabled == user.disabled());
    }
  }

  /** Number of users (used by first-run setup). */
  long count();

  /**
   * @return whether a user was deleted
   */
  boolean delete(String id);

  /** Number of administrators who are not disabled. */
  long countEnabledAdmins();
}

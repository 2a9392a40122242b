package io.pocketid.core.store;

import io.pocketid.core.model.CustomClaim;
import java.util.List;

/** Custom claims of users and of groups. Keys are unique per owner. */
public interface CustomClaimStore {
  /**
   * Replaces all claims of a user.
   *
   * @throws NotFoundException when the user does not exist
   * @throws DuplicateKeyException key {@code key} when two claims share a key
   */
  void replaceForUser(String userId, List<CustomClaim> claims);

  /**
   * Replaces all claims of a group.
   *
   * @throws NotFoundException when the group does not exist
   * @throws DuplicateKeyException key {@code key} when two claims share a key
   */
  void replaceForGroup(String groupId, List<CustomClaim> claims);

  /** Claims of a user, ordered by key. */
  List<CustomClaim> forUser(String userId);

  /** Claims of a group, ordered by key. */
  List<CustomClaim> forGroup(String groupId);

  /** The distinct keys of all claims (users' and groups'), the most used first, ties by key. */
  List<String> keySuggestions();
}

package io.pocketid.oidc.token;

import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.model.GroupAccess;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.store.CustomClaimStore;
import io.pocketid.core.store.UserGroupStore;
import io.pocketid.oidc.OidcSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Loads what {@link UserClaims} needs (groups, user and group custom claims) from the stores and
 * computes the claims for a set of scopes. Also answers the per-client group restriction (Pocket ID
 * §2.11: an empty list means every user). Reads only; thread-safe.
 */
public final class UserClaimsLoader {
  private final UserGroupStore groups;
  private final CustomClaimStore customClaims;
  private final OidcSettings settings;
  private final BooleanSupplier emailsVerified;

  /**
   * @param emailsVerified the {@code emailsVerified} app setting, read at each call
   */
  public UserClaimsLoader(
      UserGroupStore groups,
      CustomClaimStore customClaims,
      OidcSettings settings,
      BooleanSupplier emailsVerified) {
    this.groups = Objects.requireNonNull(groups, "groups");
    this.customClaims = Objects.requireNonNull(customClaims, "customClaims");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.emailsVerified = Objects.requireNonNull(emailsVerified, "emailsVerified");
  }

  /** {@code sub} and the claims the scopes allow. */
  public Map<String, Object> claims(User user, Collection<String> scopes) {
    return claims(user, scopes, needsGroups(scopes) ? groups.groupsOfUser(user.id()) : List.of());
  }

  /**
   * {@code sub} and the claims the scopes allow, with the user's groups already read (by {@link
   * #access}).
   */
  public Map<String, Object> claims(
      User user, Collection<String> scopes, List<UserGroup> userGroups) {
    List<UserGroup> shown = needsGroups(scopes) ? userGroups : List.of();
    List<CustomClaim> userClaims = List.of();
    List<CustomClaim> groupClaims = new ArrayList<>();
    if (scopes.contains("profile")) {
      userClaims = customClaims.forUser(user.id());
      for (UserGroup group : shown) {
        groupClaims.addAll(customClaims.forGroup(group.id()));
      }
    }
    return UserClaims.of(
        user,
        scopes,
        shown,
        userClaims,
        groupClaims,
        emailsVerified.getAsBoolean(),
        settings.issuer());
  }

  private static boolean needsGroups(Collection<String> scopes) {
    return scopes.contains("groups") || scopes.contains("profile");
  }

  /**
   * The user's groups and the client's group restriction, in one read: {@link GroupAccess#admits}
   * decides, and the groups feed {@link #claims(User, Collection, List)}.
   */
  public GroupAccess access(String clientId, String userId) {
    return groups.groupAccess(userId, clientId);
  }

  /** Whether the client's group restriction lets the user in. */
  public boolean mayUse(String clientId, String userId) {
    return access(clientId, userId).admits();
  }
}

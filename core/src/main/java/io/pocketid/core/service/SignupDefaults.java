package io.pocketid.core.service;

import io.pocketid.core.model.CustomClaim;
import java.util.List;

/**
 * What every new user gets (Pocket ID's {@code signupDefaultUserGroupIDs} and {@code
 * signupDefaultCustomClaims}): group memberships and custom claims.
 *
 * @param groupIds ids of the groups new users join; ids of groups that no longer exist are skipped
 * @param claims custom claims new users get
 */
public record SignupDefaults(List<String> groupIds, List<CustomClaim> claims) {
  public static final SignupDefaults NONE = new SignupDefaults(List.of(), List.of());

  public SignupDefaults {
    groupIds = List.copyOf(groupIds);
    claims = List.copyOf(claims);
  }
}

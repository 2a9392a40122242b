package io.pocketid.oidc.token;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.service.CustomClaimService;
import java.text.ParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The user claims of ID tokens and userinfo per scope, as Pocket ID v1.15 emits them (§2.6): {@code
 * email} → email, email_verified; {@code groups} → group names; {@code profile} → custom claims
 * (user over group), given_name, family_name, name, display_name, preferred_username, picture.
 */
public final class UserClaims {
  /** Claim names a custom claim may not use. */
  public static final Set<String> RESERVED = CustomClaimService.RESERVED;

  private UserClaims() {}

  /**
   * Claims for a user and granted scopes.
   *
   * @param groupClaims claims of the user's groups, applied before the user's own
   * @param emailsVerified the {@code emailsVerified} setting
   * @param issuer APP_URL, for the picture URL
   */
  public static Map<String, Object> of(
      User user,
      Collection<String> scopes,
      List<UserGroup> groups,
      List<CustomClaim> userClaims,
      List<CustomClaim> groupClaims,
      boolean emailsVerified,
      String issuer) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", user.id());
    if (scopes.contains("email")) {
      claims.put("email", user.email());
      claims.put("email_verified", emailsVerified);
    }
    if (scopes.contains("groups")) {
      claims.put("groups", groups.stream().map(UserGroup::name).toList());
    }
    if (scopes.contains("profile")) {
      for (CustomClaim claim : groupClaims) {
        putCustom(claims, claim);
      }
      for (CustomClaim claim : userClaims) {
        putCustom(claims, claim);
      }
      String first = user.firstName() == null ? "" : user.firstName();
      String last = user.lastName() == null ? "" : user.lastName();
      claims.put("given_name", first);
      claims.put("family_name", last);
      claims.put("name", (first + " " + last).trim());
      claims.put("display_name", user.displayName());
      claims.put("preferred_username", user.username());
      claims.put("picture", issuer + "/api/users/" + user.id() + "/profile-picture.png");
    }
    return claims;
  }

  private static void putCustom(Map<String, Object> claims, CustomClaim claim) {
    if (!RESERVED.contains(claim.key())) {
      claims.put(claim.key(), jsonValue(claim.value()));
    }
  }

  /** A custom claim value as JSON when it parses as JSON, else as the string itself. */
  static Object jsonValue(String value) {
    String trimmed = value.trim();
    if (trimmed.isEmpty()) {
      return value;
    }
    char first = trimmed.charAt(0);
    boolean looksJson =
        first == '{'
            || first == '['
            || first == '"'
            || first == '-'
            || Character.isDigit(first)
            || trimmed.equals("true")
            || trimmed.equals("false")
            || trimmed.equals("null");
    if (!looksJson) {
      return value;
    }
    try {
      Map<String, Object> parsed = JSONObjectUtils.parse("{\"v\":" + trimmed + "}");
      return parsed.size() == 1 && parsed.containsKey("v") ? parsed.get("v") : value;
    } catch (ParseException | RuntimeException e) {
      return value;
    }
  }
}

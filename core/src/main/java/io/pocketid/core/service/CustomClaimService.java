package io.pocketid.core.service;

import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.store.CustomClaimStore;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Custom claims of users and groups: the set given replaces the owner's claims; reserved claim
 * names and keys given twice are refused with Pocket ID's messages.
 */
public final class CustomClaimService {
  /**
   * Claim names a custom claim may not use: Pocket ID v1.15's list (§2.6) plus the protocol claims
   * this provider's tokens carry ({@code sid}, {@code at_hash}, {@code client_id}, {@code scope}).
   */
  public static final Set<String> RESERVED =
      Set.of(
          "given_name",
          "family_name",
          "name",
          "email",
          "preferred_username",
          "display_name",
          "groups",
          "type",
          "sub",
          "iss",
          "aud",
          "exp",
          "iat",
          "auth_time",
          "nonce",
          "acr",
          "amr",
          "azp",
          "nbf",
          "jti",
          "sid",
          "at_hash",
          "client_id",
          "scope");

  /** Longest claim key. */
  public static final int KEY_MAX = 255;

  /** Longest claim value (characters). */
  public static final int VALUE_MAX = 10_000;

  private final CustomClaimStore claims;

  public CustomClaimService(CustomClaimStore claims) {
    this.claims = Objects.requireNonNull(claims, "claims");
  }

  /**
   * Checks a set of claims as sent.
   *
   * @return the claims with trimmed keys
   * @throws ServiceException INVALID_INPUT naming the key or the field
   */
  public static List<CustomClaim> checked(List<CustomClaim> given) {
    if (given == null) {
      throw new ServiceException(ServiceError.INVALID_INPUT, "CustomClaims is required");
    }
    Set<String> seen = new HashSet<>();
    List<CustomClaim> out = new ArrayList<>();
    for (CustomClaim claim : given) {
      String key = TextRules.requiredName("Key", claim.key(), KEY_MAX);
      String value = claim.value();
      if (value == null || value.isEmpty()) {
        throw new ServiceException(ServiceError.INVALID_INPUT, "Value is required");
      }
      if (value.codePointCount(0, value.length()) > VALUE_MAX) {
        throw new ServiceException(
            ServiceError.INVALID_INPUT, "Value must be at most " + VALUE_MAX + " characters long");
      }
      if (RESERVED.contains(key)) {
        throw new ServiceException(
            ServiceError.INVALID_INPUT, "Claim " + key + " is reserved and can't be used");
      }
      if (!seen.add(key)) {
        throw new ServiceException(
            ServiceError.INVALID_INPUT, "Claim " + key + " is already defined");
      }
      out.add(new CustomClaim(key, value));
    }
    return out;
  }

  /**
   * Replaces a user's claims.
   *
   * @throws ServiceException INVALID_INPUT; NOT_FOUND for an unknown user
   */
  public List<CustomClaim> setForUser(String userId, List<CustomClaim> given) {
    List<CustomClaim> checked = checked(given);
    try {
      claims.replaceForUser(userId, checked);
    } catch (NotFoundException e) {
      throw notFound();
    } catch (DuplicateKeyException e) {
      throw new ServiceException(ServiceError.INVALID_INPUT, "Claim is already defined");
    }
    return claims.forUser(userId);
  }

  /**
   * Replaces a group's claims.
   *
   * @throws ServiceException INVALID_INPUT; NOT_FOUND for an unknown group
   */
  public List<CustomClaim> setForGroup(String groupId, List<CustomClaim> given) {
    List<CustomClaim> checked = checked(given);
    try {
      claims.replaceForGroup(groupId, checked);
    } catch (NotFoundException e) {
      throw notFound();
    } catch (DuplicateKeyException e) {
      throw new ServiceException(ServiceError.INVALID_INPUT, "Claim is already defined");
    }
    return claims.forGroup(groupId);
  }

  /** Distinct claim keys in use, the most used first. */
  public List<String> suggestions() {
    return claims.keySuggestions();
  }

  static ServiceException notFound() {
    return new ServiceException(ServiceError.NOT_FOUND, "Record not found");
  }
}

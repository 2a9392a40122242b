package io.pocketid.server.internal.api;

import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.model.FederatedIdentity;
import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.Passkey;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.service.GroupService;
import io.pocketid.core.service.UserService;
import io.pocketid.core.store.Page;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pocket ID's JSON shapes, as ordered maps for the one JSON writer: field names and order as Pocket
 * ID v1.15 writes them, nulls written.
 */
final class Dtos {
  private Dtos() {}

  /** The full {@code UserDto}, with the user's custom claims and groups. */
  static Map<String, Object> user(UserService.UserProfile profile) {
    Map<String, Object> dto = userHead(profile.user());
    dto.put("customClaims", claims(profile.claims()));
    dto.put(
        "userGroups",
        profile.groups().stream().map(g -> groupWithClaims(g.group(), g.claims())).toList());
    return userTail(dto, profile.user());
  }

  /** {@code UserGroupDto} with its custom claims. */
  private static Map<String, Object> groupWithClaims(UserGroup group, List<CustomClaim> claims) {
    Map<String, Object> dto = new LinkedHashMap<>();
    dto.put("id", group.id());
    dto.put("friendlyName", group.friendlyName());
    dto.put("name", group.name());
    dto.put("customClaims", claims(claims));
    dto.put("ldapId", group.ldapId());
    dto.put("createdAt", group.createdAt());
    return dto;
  }

  /** A group as listed with a client: no claims. */
  static Map<String, Object> group(UserGroup group) {
    Map<String, Object> dto = new LinkedHashMap<>();
    dto.put("id", group.id());
    dto.put("friendlyName", group.friendlyName());
    dto.put("name", group.name());
    dto.put("createdAt", group.createdAt());
    dto.put("ldapId", group.ldapId());
    return dto;
  }

  /** A user without claims and groups, as listed in a group. */
  static Map<String, Object> userBasic(User user) {
    return userTail(userHead(user), user);
  }

  /** The fields of a {@code UserDto} before its claims and groups, in Pocket ID's order. */
  private static Map<String, Object> userHead(User user) {
    Map<String, Object> dto = new LinkedHashMap<>();
    dto.put("id", user.id());
    dto.put("username", user.username());
    dto.put("email", user.email());
    dto.put("firstName", user.firstName() == null ? "" : user.firstName());
    dto.put("lastName", user.lastName() == null ? "" : user.lastName());
    dto.put("displayName", user.displayName());
    dto.put("isAdmin", user.admin());
    dto.put("locale", user.locale());
    return dto;
  }

  private static Map<String, Object> userTail(Map<String, Object> dto, User user) {
    dto.put("ldapId", user.ldapId());
    dto.put("disabled", user.disabled());
    return dto;
  }

  /** {@code UserGroupDtoWithUserCount}. */
  static Map<String, Object> groupSummary(GroupService.GroupSummary summary) {
    Map<String, Object> dto = groupWithClaims(summary.group(), summary.claims());
    dto.put("userCount", summary.userCount());
    return dto;
  }

  /** {@code UserGroupDtoWithUsers}. */
  static Map<String, Object> groupDetails(GroupService.GroupDetails details) {
    Map<String, Object> dto = groupWithClaims(details.group(), details.claims());
    dto.put("users", details.members().stream().map(Dtos::userBasic).toList());
    return dto;
  }

  static List<Map<String, Object>> claims(List<CustomClaim> claims) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (CustomClaim claim : claims) {
      Map<String, Object> dto = new LinkedHashMap<>();
      dto.put("key", claim.key());
      dto.put("value", claim.value());
      out.add(dto);
    }
    return out;
  }

  /** {@code WebauthnCredentialDto}, plus when it was last used. */
  static Map<String, Object> passkey(Passkey passkey) {
    Map<String, Object> dto = new LinkedHashMap<>();
    dto.put("id", passkey.id());
    dto.put("name", passkey.name());
    dto.put(
        "credentialID",
        Base64.getUrlEncoder().withoutPadding().encodeToString(passkey.credentialId()));
    dto.put("attestationType", passkey.attestationType());
    dto.put("transport", passkey.transports());
    dto.put("backupEligible", passkey.backupEligible());
    dto.put("backupState", passkey.backupState());
    dto.put("createdAt", passkey.createdAt());
    dto.put("lastUsedAt", passkey.lastUsedAt());
    return dto;
  }

  /** {@code OidcClientDto}: what the admin UI shows of a client. */
  static Map<String, Object> client(OidcClient client) {
    Map<String, Object> dto = clientMeta(client);
    dto.put("callbackURLs", client.callbackUrls());
    dto.put("logoutCallbackURLs", client.logoutCallbackUrls());
    dto.put("isPublic", client.publicClient());
    dto.put("pkceEnabled", client.pkceEnabled());
    List<Object> identities = new ArrayList<>();
    for (FederatedIdentity identity : client.federatedIdentities()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("issuer", identity.issuer());
      item.put("subject", identity.subject());
      item.put("audience", identity.audience());
      item.put("jwks", identity.jwksUrl());
      identities.add(item);
    }
    dto.put("credentials", Map.of("federatedIdentities", identities));
    dto.put("backchannelLogoutURL", client.backchannelLogoutUri());
    return dto;
  }

  /** {@code /api/oidc/clients/:id/meta}: what anyone may see of a client. */
  static Map<String, Object> clientMeta(OidcClient client) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("id", client.id());
    meta.put("name", client.name());
    meta.put("hasLogo", client.imageType() != null);
    meta.put("hasDarkLogo", client.darkImageType() != null);
    meta.put("launchURL", client.launchUrl());
    meta.put("requiresReauthentication", client.requiresReauthentication());
    return meta;
  }

  /** Pocket ID's paginated shape: {@code {data, pagination}}. */
  static Map<String, Object> page(Page<?> page, List<?> data) {
    Map<String, Object> pagination = new LinkedHashMap<>();
    pagination.put("totalPages", page.totalPages());
    pagination.put("totalItems", page.totalItems());
    pagination.put("currentPage", page.currentPage());
    pagination.put("itemsPerPage", page.itemsPerPage());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", data);
    out.put("pagination", pagination);
    return out;
  }
}

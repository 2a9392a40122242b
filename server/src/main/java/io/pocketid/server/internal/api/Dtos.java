package io.pocketid.server.internal.api;

import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.model.Passkey;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.store.Storage;
import io.pocketid.server.internal.http.UserDto;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Pocket ID's JSON shapes for this part of the API. */
public final class Dtos {
  private Dtos() {}

  /** {@code WebauthnCredentialDto}, plus when it was last used. */
  @JsonbPropertyOrder({
    "id",
    "name",
    "credentialID",
    "attestationType",
    "transport",
    "backupEligible",
    "backupState",
    "createdAt",
    "lastUsedAt"
  })
  public static final class PasskeyDto {
    public String id;
    public String name;

    @JsonbProperty("credentialID")
    public String credentialId;

    public String attestationType;
    public List<String> transport;
    public boolean backupEligible;
    public boolean backupState;
    public Instant createdAt;
    public Instant lastUsedAt;

    public static PasskeyDto of(Passkey passkey) {
      PasskeyDto dto = new PasskeyDto();
      dto.id = passkey.id();
      dto.name = passkey.name();
      dto.credentialId =
          Base64.getUrlEncoder().withoutPadding().encodeToString(passkey.credentialId());
      dto.attestationType = passkey.attestationType();
      dto.transport = passkey.transports();
      dto.backupEligible = passkey.backupEligible();
      dto.backupState = passkey.backupState();
      dto.createdAt = passkey.createdAt();
      dto.lastUsedAt = passkey.lastUsedAt();
      return dto;
    }
  }

  /** {@code {key, value}}. */
  public static final class ClaimDto {
    public String key;
    public String value;

    static ClaimDto of(CustomClaim claim) {
      ClaimDto dto = new ClaimDto();
      dto.key = claim.key();
      dto.value = claim.value();
      return dto;
    }
  }

  /** {@code UserGroupDto}. */
  @JsonbPropertyOrder({"id", "friendlyName", "name", "customClaims", "ldapId", "createdAt"})
  public static final class GroupDto {
    public String id;
    public String friendlyName;
    public String name;
    public List<ClaimDto> customClaims;
    public String ldapId;
    public Instant createdAt;
  }

  /** The full {@code UserDto}, with the user's custom claims and groups. */
  public static UserDto user(User user, Storage storage) {
    UserDto dto = UserDto.of(user);
    dto.customClaims =
        storage.customClaims().forUser(user.id()).stream().<Object>map(ClaimDto::of).toList();
    dto.userGroups =
        storage.groups().groupsOfUser(user.id()).stream()
            .<Object>map(g -> group(g, storage))
            .toList();
    return dto;
  }

  private static GroupDto group(UserGroup group, Storage storage) {
    GroupDto dto = new GroupDto();
    dto.id = group.id();
    dto.friendlyName = group.friendlyName();
    dto.name = group.name();
    dto.customClaims =
        storage.customClaims().forGroup(group.id()).stream().map(ClaimDto::of).toList();
    dto.ldapId = group.ldapId();
    dto.createdAt = group.createdAt();
    return dto;
  }

  /** {@code {"token": "..."}}. */
  public static final class TokenDto {
    public String token;

    public TokenDto(String token) {
      this.token = token;
    }
  }

  /** {@code {"reauthenticationToken": "..."}}. */
  public static final class ReauthenticationDto {
    public String reauthenticationToken;

    public ReauthenticationDto(String token) {
      this.reauthenticationToken = token;
    }
  }
}

package io.pocketid.server.internal.http;

import io.pocketid.core.model.User;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** Pocket ID's {@code UserDto}. Custom claims and groups are empty until those features land. */
@JsonbPropertyOrder({
  "id",
  "username",
  "email",
  "firstName",
  "lastName",
  "displayName",
  "isAdmin",
  "locale",
  "customClaims",
  "userGroups",
  "ldapId",
  "disabled"
})
public final class UserDto {
  public String id;
  public String username;
  public String email;
  public String firstName;
  public String lastName;
  public String displayName;

  @JsonbProperty("isAdmin")
  public boolean isAdmin;

  public String locale;
  public List<Object> customClaims = List.of();
  public List<Object> userGroups = List.of();
  public String ldapId;
  public boolean disabled;

  public UserDto() {}

  UserDto(
      String id,
      String username,
      String email,
      String firstName,
      String lastName,
      String displayName,
      boolean isAdmin,
      String locale,
      String ldapId) {
    this.id = id;
    this.username = username;
    this.email = email;
    this.firstName = firstName;
    this.lastName = lastName;
    this.displayName = displayName;
    this.isAdmin = isAdmin;
    this.locale = locale;
    this.ldapId = ldapId;
  }

  public static UserDto of(User user) {
    UserDto dto =
        new UserDto(
            user.id(),
            user.username(),
            user.email(),
            user.firstName() == null ? "" : user.firstName(),
            user.lastName() == null ? "" : user.lastName(),
            user.displayName(),
            user.admin(),
            user.locale(),
            user.ldapId());
    dto.disabled = user.disabled();
    return dto;
  }
}

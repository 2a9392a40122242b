package io.pocketid.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A named group of users, used to restrict clients and to add claims.
 *
 * @param id UUID
 * @param createdAt creation time
 * @param friendlyName shown in the UI
 * @param name unique; appears in the {@code groups} claim
 * @param ldapId id of the LDAP entry, nullable
 */
public record UserGroup(
    String id, Instant createdAt, String friendlyName, String name, String ldapId) {
  public UserGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(friendlyName, "friendlyName");
    Objects.requireNonNull(name, "name");
  }
}

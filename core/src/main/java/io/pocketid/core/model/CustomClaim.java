package io.pocketid.core.model;

import java.util.Objects;

/**
 * A custom claim added to a user's tokens, owned by a user or by a group.
 *
 * @param key claim name, unique per owner
 * @param value claim value as text; JSON values (objects, arrays, numbers, booleans) are kept as
 *     their JSON text
 */
public record CustomClaim(String key, String value) {
  public CustomClaim {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}

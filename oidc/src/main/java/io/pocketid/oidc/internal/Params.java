package io.pocketid.oidc.internal;

import io.pocketid.oidc.OAuthError;
import io.pocketid.oidc.OAuthException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Form parameters of a protocol request (each name with all its values). RFC 6749 §3.1 and §3.2:
 * parameters must not be included more than once; an empty value counts as absent.
 */
public final class Params {
  private final Map<String, List<String>> values;

  private Params(Map<String, List<String>> values) {
    this.values = values;
  }

  public static Params of(Map<String, List<String>> values) {
    return new Params(Map.copyOf(values));
  }

  /** The single value of {@code name}, if present and non-empty. */
  public Optional<String> optional(String name) throws OAuthException {
    List<String> list = values.get(name);
    if (list == null || list.isEmpty()) {
      return Optional.empty();
    }
    if (list.size() > 1) {
      throw OAuthException.badRequest(OAuthError.invalidRequest(name + " is repeated"));
    }
    String value = list.get(0);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** The single value of {@code name}; invalid_request naming it when absent. */
  public String required(String name) throws OAuthException {
    return optional(name)
        .orElseThrow(
            () -> OAuthException.badRequest(OAuthError.invalidRequest(name + " is missing")));
  }

  /** Fails with invalid_request when any of the given parameters is repeated. */
  public void requireSingle(String... names) throws OAuthException {
    for (String name : names) {
      optional(name);
    }
  }
}

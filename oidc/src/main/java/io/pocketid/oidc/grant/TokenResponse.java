package io.pocketid.oidc.grant;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A successful token response (RFC 6749 §5.1, OIDC Core §3.1.3.3). Render with {@link #toMap()} and
 * send with {@code Cache-Control: no-store}.
 *
 * @param accessToken the access token (an RFC 9068 JWT)
 * @param expiresIn access token lifetime in seconds
 * @param scope the granted scope (may be empty)
 * @param idToken nullable: only when {@code openid} was granted to a user
 * @param refreshToken nullable: not for client_credentials
 */
public record TokenResponse(
    String accessToken, long expiresIn, String scope, String idToken, String refreshToken) {
  public TokenResponse {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(scope, "scope");
  }

  /** Always {@code Bearer}. */
  public String tokenType() {
    return "Bearer";
  }

  public Optional<String> idTokenValue() {
    return Optional.ofNullable(idToken);
  }

  public Optional<String> refreshTokenValue() {
    return Optional.ofNullable(refreshToken);
  }

  /** The JSON members, in the usual order; absent values are left out. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("access_token", accessToken);
    out.put("token_type", tokenType());
    out.put("expires_in", expiresIn);
    if (!scope.isEmpty()) {
      out.put("scope", scope);
    }
    if (idToken != null) {
      out.put("id_token", idToken);
    }
    if (refreshToken != null) {
      out.put("refresh_token", refreshToken);
    }
    return out;
  }

  @Override
  public String toString() {
    return "TokenResponse[expiresIn=" + expiresIn + ", scope=" + scope + ", tokens redacted]";
  }
}
